import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { type HeaderName, Responds } from '#common';

const CACHED: HeaderName[] = ['ETag', 'Cache-Control', 'Surrogate-Key', 'Vary'];

/**
 * A cacheable delivery response (sent by DeliveryResponder): its body per
 * content type, with ETag, Cache-Control, Surrogate-Key and Vary; plus the
 * If-None-Match request header and its 304.
 */
export function DeliveryResponds(
  bodies: Record<string, TSchema>,
  options: { description?: string; status?: number; headers?: HeaderName[]; notModified?: boolean } = {},
) {
  return applyDecorators(
    Responds(options.status ?? 200, null, { bodies, description: options.description ?? 'OK', headers: [...CACHED, ...(options.headers ?? [])] }),
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
