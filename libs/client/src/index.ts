/**
 * The typed client of both Dispatch APIs, built on the OpenAPI documents
 * the apps serve (types in ./generated, rewritten by `npm run client`) and
 * openapi-fetch. Paths, parameters, bodies and responses are checked by
 * the compiler; errors arrive as thrown ProblemErrors; ETags and cursors
 * are handled here so callers do not repeat it.
 */
import createClient, { type Client, type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { EtagStore } from './etags.js';
import type { paths as AdminPaths } from './generated/admin.js';
import type { paths as DeliveryPaths } from './generated/delivery.js';
import { errorOf } from './problem.js';

export type { components as AdminComponents, paths as AdminPaths } from './generated/admin.js';
export type { components as DeliveryComponents, paths as DeliveryPaths } from './generated/delivery.js';
export { ProblemError, UnexpectedResponseError, VersionConflictError, type FieldError, type Problem, type ProblemCode } from './problem.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
// Bodies are typed as their application/json representation (an alternative such as application/ninjs+json is for `raw` with parseAs).
type JsonMedia = 'application/json';
// openapi-typescript's `paths`: every path lists every method, absent ones as `?: never`.
type PathsLike<Paths> = { [P in keyof Paths]: object };
type OperationOf<Paths, P extends keyof Paths, M extends Method> = Extract<Paths[P][M & keyof Paths[P]], Record<string | number, unknown>>;
type InitOf<Paths, P extends keyof Paths, M extends Method> = MaybeOptionalInit<Paths[P], M & keyof Paths[P]>;
type PathsOf<Paths extends PathsLike<Paths>, M extends Method> = ClientPathsWithMethod<Client<Paths, JsonMedia>, M>;
// openapi-fetch's own rule for the optional second argument (it does not export it).
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** What a successful call of `path` resolves to: the response body as declared for its 2xx status. */
export type ResponseOf<Paths extends PathsLike<Paths>, M extends Method, P extends PathsOf<Paths, M>, Init = object> = NonNullable<
  FetchResponse<OperationOf<Paths, P, M>, Init, JsonMedia>['data']
>;

/**
 * The admin paths as the client takes them: an `If-Match` header the
 * document requires is optional, since the client sends the ETag it kept
 * (pass one to override).
 */
export type EtagPaths<Paths> = { [P in keyof Paths]: { [M in keyof Paths[P]]: OptionalIfMatch<Paths[P][M]> } };
type OptionalIfMatch<Operation> = Operation extends { parameters: { header: infer Header extends { 'If-Match': string } } }
  ? Omit<Operation, 'parameters'> & { parameters: Omit<Operation['parameters'], 'header'> & { header?: Omit<Header, 'If-Match'> & { 'If-Match'?: string } } }
  : Operation;

/** A list response: `{ data, nextCursor }` (keyset pagination). */
export interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}

/** A call that resolves to the response body itself; a failed response is thrown (ProblemError). */
export type DataMethod<Paths extends PathsLike<Paths>, M extends Method> = <P extends PathsOf<Paths, M>, Init extends InitOf<Paths, P, M>>(
  path: P,
  ...init: InitParam<Init>
) => Promise<ResponseOf<Paths, M, P, Init>>;

/** The paths whose GET answers a Page. */
export type ListPath<Paths extends PathsLike<Paths>> = { [P in PathsOf<Paths, 'get'>]: ResponseOf<Paths, 'get', P> extends Page<unknown> ? P : never }[PathsOf<
  Paths,
  'get'
>];
/** The items of a list path's pages. */
export type ItemOf<Paths extends PathsLike<Paths>, P extends PathsOf<Paths, 'get'>> = ResponseOf<Paths, 'get', P> extends Page<infer Item> ? Item : never;

/** The calls both clients share. */
export interface TypedClient<Paths extends PathsLike<Paths>> {
  /** The underlying openapi-fetch client (`{ data, error, response }` per call; errors are thrown all the same). */
  readonly raw: Client<Paths, JsonMedia>;
  get: DataMethod<Paths, 'get'>;
  /**
   * Every item of a list, page after page (following `nextCursor`), e.g.
   * `for await (const article of admin.paginate('/admin/v1/articles', { params: { query: { status: 'draft' } } }))`.
   */
  paginate<P extends ListPath<Paths>, Init extends InitOf<Paths, P, 'get'>>(path: P, ...init: InitParam<Init>): AsyncIterable<ItemOf<Paths, P>>;
}

/** The admin API's calls: reads and writes; writes send the If-Match of the last read automatically. */
export interface AdminClient extends TypedClient<EtagPaths<AdminPaths>> {
  post: DataMethod<EtagPaths<AdminPaths>, 'post'>;
  put: DataMethod<EtagPaths<AdminPaths>, 'put'>;
  patch: DataMethod<EtagPaths<AdminPaths>, 'patch'>;
  /** Resolves when the resource is gone (204). */
  delete: DataMethod<EtagPaths<AdminPaths>, 'delete'>;
  /** The ETag last seen for a resource (its read, or the answer to its last write), e.g. `'"3"'`. */
  etag(path: string): string | undefined;
}

export type DeliveryClient = TypedClient<DeliveryPaths>;

export interface AdminClientOptions {
  /** The admin API's origin, e.g. `http://127.0.0.1:3001` (paths start with /admin/v1). */
  baseUrl: string;
  /** A session token (POST /admin/v1/auth/login) or an API token. */
  token?: string;
  fetch?: (request: Request) => Promise<Response>;
}

export interface DeliveryClientOptions {
  /** The delivery API's origin, e.g. `http://127.0.0.1:3000` (paths start with /content/v1). */
  baseUrl: string;
  /** Optional: a key from DELIVERY_API_KEYS raises the rate limit. */
  apiKey?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/** A client of the admin API (/admin/v1). */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const etags = new EtagStore();
  const raw = createClient<EtagPaths<AdminPaths>, JsonMedia>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
  });
  raw.use(etags.middleware, throwProblems);
  return {
    ...shared(raw),
    post: data<EtagPaths<AdminPaths>, 'post'>(raw.POST),
    put: data<EtagPaths<AdminPaths>, 'put'>(raw.PUT),
    patch: data<EtagPaths<AdminPaths>, 'patch'>(raw.PATCH),
    delete: data<EtagPaths<AdminPaths>, 'delete'>(raw.DELETE),
    etag: (path) => etags.get(path),
  };
}

/** A client of the delivery API (/content/v1): public reads. */
export function createDeliveryClient(options: DeliveryClientOptions): DeliveryClient {
  const raw = createClient<DeliveryPaths, JsonMedia>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey },
  });
  raw.use(throwProblems);
  return shared(raw);
}

const throwProblems: Middleware = {
  onResponse: async ({ response }) => {
    if (!response.ok && response.status !== 304) throw await errorOf(response);
    return undefined;
  },
};

function shared<Paths extends PathsLike<Paths>>(raw: Client<Paths, JsonMedia>): TypedClient<Paths> {
  const get = data<Paths, 'get'>(raw.GET);
  return {
    raw,
    get,
    paginate: (path, ...init) => pages(raw, path, init[0]),
  };
}

/**
 * The openapi-fetch method, resolving to the body (a failed response has
 * been thrown by the middleware already, so there is always one; a 204's is
 * undefined). openapi-fetch's generics cannot be forwarded through a
 * wrapper, hence the one assertion: the signature is the method's own.
 */
function data<Paths extends PathsLike<Paths>, M extends Method>(method: Client<Paths, JsonMedia>[Uppercase<M>]): DataMethod<Paths, M> {
  const call = method as (path: string, init?: object) => Promise<{ data?: unknown }>;
  const unwrapped = async (path: string, init?: object) => (await call(path, init)).data;
  return unwrapped as DataMethod<Paths, M>;
}

interface ListInit {
  [option: string]: unknown;
  params?: { query?: object };
}

/** Follows nextCursor from page to page, keeping the rest of the query; the assertions are data()'s (same signature). */
async function* pages<Paths extends PathsLike<Paths>, P extends ListPath<Paths>>(
  raw: Client<Paths, JsonMedia>,
  path: P,
  init: ListInit | undefined,
): AsyncIterable<ItemOf<Paths, P>> {
  const get = raw.GET as (path: string, init?: ListInit) => Promise<{ data?: Page<ItemOf<Paths, P>> }>;
  let cursor: string | null = null;
  do {
    const params = init?.params;
    const { data: page } = await get(String(path), { ...init, params: { ...params, query: { ...params?.query, ...(cursor === null ? {} : { cursor }) } } });
    if (page === undefined) return;
    yield* page.data;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
