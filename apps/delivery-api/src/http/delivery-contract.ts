import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { componentName, HEADERS, type HeaderName, Responds } from '#common';

/** Vary is not among the shared header specs; every cached delivery response carries it. */
const VARY = { description: '`Accept-Encoding` (and `Origin` where CORS answers): what a shared cache must key the response by', schema: { type: 'string' } };

const CACHED: HeaderName[] = ['ETag', 'Cache-Control', 'Surrogate-Key'];

/** Headers only some delivery responses carry, by name. */
const OWN_HEADERS = {
  'Content-Language': { description: 'the language of the article (its locale)', schema: { type: 'string' } },
} as const;

/**
 * A cacheable delivery response (sent by DeliveryResponder): its body per
 * content type (named schemas), with ETag, Cache-Control, Surrogate-Key
 * and Vary; plus the If-None-Match request header and its 304.
 */
export function DeliveryResponds(
  bodies: Record<string, TSchema>,
  options: { description?: string; status?: number; headers?: (HeaderName | keyof typeof OWN_HEADERS)[]; notModified?: boolean } = {},
) {
  const status = options.status ?? 200;
  const content: Record<string, { schema: { $ref: string } }> = {};
  for (const [type, schema] of Object.entries(bodies)) {
    const name = componentName(schema);
    if (!name) throw new Error('DeliveryResponds: bodies must be named components');
    Responds(status, schema); // called for its registration of the component only
    content[type] = { schema: { $ref: `#/components/schemas/${name}` } };
  }
  const headers = Object.fromEntries(
    [...CACHED, ...(options.headers ?? [])].map((name) => [
      name,
      name in OWN_HEADERS ? OWN_HEADERS[name as keyof typeof OWN_HEADERS] : HEADERS[name as HeaderName],
    ]),
  );
  return applyDecorators(
    ApiResponse({ status, description: options.description ?? 'OK', content, headers: { ...headers, Vary: VARY } } as never),
    ...(options.notModified === false ? [] : [NotModified()]),
  );
}

/** `If-None-Match` on a GET whose representation carries an ETag: a match answers 304 without a body. */
export function NotModified() {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag from an earlier response: when it still matches, 304 with no body' }),
    Responds(304, null, { description: 'Not modified: the representation still has this ETag', headers: ['ETag', 'Cache-Control'] }),
  );
}
