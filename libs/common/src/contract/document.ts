import type { OpenAPIObject } from '@nestjs/swagger';
import { ProblemSchema } from './problem.schema.js';
import { HEADERS, PROBLEM_CONTENT_TYPE, USED_COMPONENTS } from './responds.js';
import { schemaRef } from './schema.js';

/** Marks an operation open to anonymous callers (set by @Public()); finishDocument turns it into `security: []`. */
export const PUBLIC_OPERATION = 'x-dispatch-public';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The last step of building an OpenAPI document: the schemas the
 * decorators referred to are copied into components (only those this
 * document reaches), public operations get `security: []`.
 */
export interface FinishOptions {
  /** Every operation may answer 429 rate_limited (delivery's per-client limits). */
  rateLimited?: boolean;
}

export function finishDocument(document: OpenAPIObject, options: FinishOptions = {}): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      // Open: @Public(), or a document whose security allows anonymous callers (`{}`, as delivery's optional x-api-key).
      const anonymous = !document.security?.length || document.security.some((requirement) => Object.keys(requirement).length === 0);
      const open = PUBLIC_OPERATION in operation || anonymous;
      if (PUBLIC_OPERATION in operation) {
        delete operation[PUBLIC_OPERATION];
        operation.security = [];
      }
      declareCommonProblems(operation, { secured: !open, rateLimited: options.rateLimited ?? false });
    }
  }
  schemaRef(ProblemSchema, USED_COMPONENTS);
  const schemas: Record<string, unknown> = { ...(document.components?.schemas ?? {}) };
  // Refs from the paths and from the DTO schemas Nest generated (a request body's blocks refer to Block).
  const pending = [...collectRefs(document.paths), ...collectRefs(schemas)];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    const schema = USED_COMPONENTS[name];
    if (schema === undefined) throw new Error(`OpenAPI: #/components/schemas/${name} is referred to but no schema has that name`);
    schemas[name] = schema;
    pending.push(...collectRefs(schema));
  }
  document.components = { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) as never };
  return document;
}

interface Operation {
  [key: string]: unknown;
  security?: unknown;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Record<string, unknown>>;
}

/**
 * The problems any operation of its kind can give, so no route has to
 * repeat them: 400 where it takes input, 401/403 where a token is needed,
 * 429 under rate limits, 503 while the database is unreachable. A route
 * declares its own (404, 409, 412, 422, 428…) with @Problems.
 */
function declareCommonProblems(operation: Operation, kind: { secured: boolean; rateLimited: boolean }): void {
  const add = (status: number, codes: string, description: string) => {
    if (operation.responses[String(status)]) return;
    operation.responses[String(status)] = {
      description: `${description} (code ${codes})`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': HEADERS['Retry-After'] } } : {}),
    };
  };
  // Headers (If-None-Match, If-Match) are not what 400 refuses: query and path parameters and bodies are.
  const takesInput = (operation.parameters ?? []).some((parameter) => ['query', 'path'].includes((parameter as { in?: string }).in ?? ''));
  if (takesInput || operation.requestBody) add(400, '`validation_failed`, `invalid_json`', 'The request is not valid');
  const content = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {};
  if (Object.keys(content).some((type) => type.endsWith('json'))) {
    // The body parser answers these for any JSON route: over JSON_BODY_LIMIT, or a body that is not JSON.
    add(413, '`payload_too_large`', 'The body is larger than allowed');
    add(415, '`unsupported_media_type`', 'The body is not in a content type this route accepts');
  }
  if (kind.secured) {
    add(401, '`unauthenticated`', 'No valid token');
    add(403, '`forbidden`', 'The token is valid but its role may not do this');
  }
  if (kind.rateLimited) add(429, '`rate_limited`', 'Too many requests from this client');
  add(503, '`service_unavailable`', 'The database is not reachable; retry after Retry-After seconds');
}

/** Names of the components a part of the document refers to. */
function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) into.add(child.slice('#/components/schemas/'.length));
      else collectRefs(child, into);
    }
  }
  return into;
}
