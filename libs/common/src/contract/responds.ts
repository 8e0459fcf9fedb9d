import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { ERROR_STATUS, type ErrorCode } from '../errors/error-code.js';
import { schemaRef } from './schema.js';

/**
 * Every component a decorator has used, by name: the document builder
 * (finishDocument) copies the ones its document refers to.
 */
export const USED_COMPONENTS: Record<string, unknown> = {};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A response header as OpenAPI writes it. */
export interface HeaderSpec {
  description: string;
  schema?: Record<string, unknown>;
  required?: boolean;
}

/** Headers most responses carry, by name, for `headers:` lists. */
export const HEADERS = {
  ETag: { description: 'strong entity tag of this representation; send it back in If-Match (admin) or If-None-Match (delivery)', schema: { type: 'string' } },
  'Cache-Control': { description: 'caching policy for browsers and shared caches', schema: { type: 'string' } },
  'Surrogate-Key': {
    description: 'space-separated keys a CDN can purge by (article, section, tag, author, collection, media, lists)',
    schema: { type: 'string' },
  },
  'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  Location: { description: 'where the resource now lives', schema: { type: 'string' } },
  'Content-Range': { description: 'the byte range sent (206)', schema: { type: 'string' } },
  'Accept-Ranges': { description: '`bytes`: partial requests are supported', schema: { type: 'string' } },
  Vary: { description: '`Accept-Encoding` (and `Origin` where CORS answers): what a shared cache must key the response by', schema: { type: 'string' } },
  'Content-Language': { description: 'the language of the article (its locale)', schema: { type: 'string' } },
} as const satisfies Record<string, HeaderSpec>;

export type HeaderName = keyof typeof HEADERS;

export interface RespondsOptions {
  description?: string;
  /** Default application/json. */
  contentType?: string | string[];
  /** A body per content type (e.g. JSON and ninjs for one route), instead of one schema for every type. */
  bodies?: Record<string, TSchema>;
  headers?: HeaderName[];
}

/** Declares a successful response: its status, body schema (or none for 204/304) and headers. */
export function Responds(status: number, schema: TSchema | null, options: RespondsOptions = {}): MethodDecorator & ClassDecorator {
  const types = schema ? (Array.isArray(options.contentType) ? options.contentType : [options.contentType ?? 'application/json']) : [];
  const bodies = options.bodies ?? Object.fromEntries(schema ? types.map((type) => [type, schema]) : []);
  const content = Object.fromEntries(Object.entries(bodies).map(([type, body]) => [type, { schema: schemaRef(body, USED_COMPONENTS) }]));
  return ApiResponse({
    status,
    description: options.description ?? defaultDescription(status),
    ...(Object.keys(content).length ? { content } : {}),
    ...(options.headers?.length ? { headers: headerObjects(options.headers) } : {}),
  } as never);
}

/** Declares a response whose body is not JSON (a feed, a sitemap, an image): content types with a string or binary schema. */
export function RespondsWith(status: number, contentTypes: Record<string, 'text' | 'binary'>, options: Omit<RespondsOptions, 'contentType'> = {}) {
  return ApiResponse({
    status,
    description: options.description ?? defaultDescription(status),
    content: Object.fromEntries(
      Object.entries(contentTypes).map(([type, kind]) => [
        type,
        { schema: kind === 'binary' ? { type: 'string', contentMediaType: type } : { type: 'string' } },
      ]),
    ),
    ...(options.headers?.length ? { headers: headerObjects(options.headers) } : {}),
  } as never);
}

/** Declares the JSON request body by its schema (for routes whose body is not a class-validator DTO). */
export function Accepts(schema: TSchema, options: { description?: string; required?: boolean } = {}) {
  return ApiBody({ schema: schemaRef(schema, USED_COMPONENTS) as never, required: options.required ?? true, description: options.description });
}

/**
 * Declares the problem+json responses a route can give, by error code
 * (several codes may share a status: they are listed in its description).
 */
export function Problems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: `Problem (code ${list.map((code) => `\`${code}\``).join(', ')})`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        ...(status === 429 || status === 503 ? { headers: headerObjects(['Retry-After']) } : {}),
      } as never),
    ),
  );
}

function headerObjects(names: HeaderName[]) {
  return Object.fromEntries(names.map((name) => [name, HEADERS[name]]));
}

function defaultDescription(status: number): string {
  return (
    {
      200: 'OK',
      201: 'Created',
      204: 'No content',
      206: 'Partial content',
      301: 'Moved permanently',
      302: 'Found',
      304: 'Not modified',
    }[status] ?? `Status ${status}`
  );
}
