import type { OpenAPIObject } from '@nestjs/swagger';
import { ProblemSchema } from './problem.schema.js';
import { USED_COMPONENTS } from './responds.js';
import { schemaRef } from './schema.js';

/** Marks an operation open to anonymous callers (set by @Public()); finishDocument turns it into `security: []`. */
export const PUBLIC_OPERATION = 'x-dispatch-public';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The last step of building an OpenAPI document: the schemas the
 * decorators referred to are copied into components (only those this
 * document reaches), public operations get `security: []`.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  schemaRef(ProblemSchema, USED_COMPONENTS);
  const schemas: Record<string, unknown> = { ...(document.components?.schemas ?? {}) };
  const pending = [...collectRefs(document.paths)];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    const schema = USED_COMPONENTS[name];
    if (schema === undefined) throw new Error(`OpenAPI: #/components/schemas/${name} is referred to but no schema has that name`);
    schemas[name] = schema;
    pending.push(...collectRefs(schema));
  }
  document.components = { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) as never };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { security?: unknown }) | undefined;
      if (!operation || !(PUBLIC_OPERATION in operation)) continue;
      delete operation[PUBLIC_OPERATION];
      operation.security = [];
    }
  }
  return document;
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
