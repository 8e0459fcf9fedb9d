import type { Middleware } from 'openapi-fetch';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests that act on a resource without being it: their ETag is the
 * resource's (POST …/transitions answers with the article's new version).
 */
const ACTIONS = [/\/transitions$/, /\/lock$/, /\/items$/, /\/revisions\/\d+\/restore$/];

/** The path whose ETag a request reads or must match. */
export function resourceOf(pathname: string): string {
  for (const action of ACTIONS) if (action.test(pathname)) return pathname.replace(action, '');
  return pathname;
}

/**
 * Optimistic concurrency, done once: every response's ETag is kept per
 * resource, and a write to that resource (or one of its actions) sends it
 * as If-Match unless the caller set If-Match itself. A 412 is then a real
 * conflict — someone else wrote in between.
 */
export class EtagStore {
  private readonly etags = new Map<string, string>();

  /** The ETag last seen for a resource path (e.g. `/admin/v1/articles/…`). */
  get(path: string): string | undefined {
    return this.etags.get(resourceOf(path));
  }

  readonly middleware: Middleware = {
    onRequest: ({ request }) => {
      if (!WRITES.has(request.method) || request.headers.has('if-match')) return undefined;
      const etag = this.get(new URL(request.url).pathname);
      if (etag !== undefined) request.headers.set('if-match', etag);
      return request;
    },
    onResponse: ({ request, response }) => {
      if (!response.ok) return undefined;
      const path = new URL(request.url).pathname;
      const resource = resourceOf(path);
      const etag = response.headers.get('etag');
      if (request.method === 'DELETE' && resource === path) this.etags.delete(resource);
      // A POST to a collection creates something else (its ETag is the new resource's, which has no Location to key it by): read that first.
      else if (etag !== null && (request.method !== 'POST' || resource !== path)) this.etags.set(resource, etag);
      return undefined;
    },
  };
}
