import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * The building blocks of the API's JSON Schemas (OpenAPI 3.1 = JSON Schema
 * 2020-12). Representations are written once as TypeBox schemas next to the
 * code that builds them; `Static<typeof X>` is their TypeScript type, the
 * OpenAPI documents are generated from them, and the e2e suites validate
 * every response against the served documents.
 */

/** Names a schema: it becomes `#/components/schemas/<name>` wherever it is used. */
export function Component<T extends TSchema>(name: string, schema: T): T {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`component name ${name}: letters and digits only`);
  const existing = COMPONENT_BY_NAME.get(name);
  if (existing && existing !== schema) throw new Error(`two schemas are named ${name}`);
  COMPONENT_BY_NAME.set(name, schema);
  NAME_OF.set(schema, name);
  return schema;
}

const COMPONENT_BY_NAME = new Map<string, TSchema>();
const NAME_OF = new WeakMap<object, string>();

/** The component name of a schema made with `Component`, if any. */
export function componentName(schema: object): string | undefined {
  return NAME_OF.get(schema);
}

/** `T | null`: `type: [X, "null"]` for a plain type, `anyOf [T, null]` for anything else (a $ref, a union). */
export function Nullable<T extends TSchema>(schema: T): ReturnType<typeof Type.Unsafe<Static<T> | null>> {
  const type = (schema as { type?: unknown }).type;
  if (typeof type === 'string' && !NAME_OF.has(schema) && !('anyOf' in schema) && !('oneOf' in schema)) {
    const { enum: values, ...rest } = schema as { enum?: unknown[] } & Record<string, unknown>;
    return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) });
  }
  return Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }] });
}

/** A closed object: unknown properties are not part of the contract (the response validator refuses them). */
export function Obj<P extends Parameters<typeof Type.Object>[0]>(properties: P, options: { description?: string; title?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A string-keyed map of T (`additionalProperties: T`). */
export function Dictionary<T extends TSchema>(value: T, options: { description?: string } = {}) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });
}

/** One of several string values, as `enum` (TypeBox's union of literals is verbose in OpenAPI). */
export function StringEnum<const V extends readonly string[]>(values: V, options: { description?: string; default?: V[number] } = {}) {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...options });
}

/** Common scalars. */
export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', ...options });
export const Timestamp = (options: { description?: string } = {}) => Type.String({ format: 'date-time', ...options });
export const Url = (options: { description?: string } = {}) => Type.String({ format: 'uri', ...options });

/** A discriminated union on `property` (OpenAPI `oneOf` + `discriminator`); every member must be a named Component. */
export function TaggedUnion<const T extends TSchema[]>(property: string, members: [...T], options: { description?: string } = {}) {
  const mapping: Record<string, string> = {};
  for (const member of members) {
    const name = NAME_OF.get(member);
    const tag = (member as { properties?: Record<string, { const?: unknown }> }).properties?.[property]?.const;
    if (!name || typeof tag !== 'string') throw new Error(`TaggedUnion: each member must be a Component with a literal ${property}`);
    mapping[tag] = `#/components/schemas/${name}`;
  }
  return Type.Unsafe<Static<T[number]>>({ oneOf: members, discriminator: { propertyName: property, mapping }, ...options });
}

/** A page of a keyset-paginated list: `{ data, nextCursor }`. */
export function Page<T extends TSchema>(item: T, options: { description?: string } = {}) {
  return Obj({ data: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page; null on the last' })) }, options);
}

/**
 * The schema as plain JSON for an OpenAPI document: TypeBox's symbol keys
 * dropped, named components replaced by `$ref`s. Each component met is
 * added to `components` (itself converted the same way).
 */
export function toOpenApi(schema: unknown, components: Record<string, unknown>, root = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toOpenApi(item, components, false));
  if (typeof schema !== 'object' || schema === null) return schema;
  const name = NAME_OF.get(schema);
  if (name && !root) {
    if (!(name in components)) {
      components[name] = {}; // reserve first: a component may refer to itself
      components[name] = toOpenApi(schema, components, true);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = toOpenApi(value, components, false);
  return out;
}

/** A reference to a schema for a decorator: `$ref` to a component (registered when the document is built), or the schema inline. */
export function schemaRef(schema: TSchema, components: Record<string, unknown>): unknown {
  const name = NAME_OF.get(schema);
  if (name) {
    toOpenApi({ wrapped: schema }, components, true);
    return { $ref: `#/components/schemas/${name}` };
  }
  return toOpenApi(schema, components, true);
}
