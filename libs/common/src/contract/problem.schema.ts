import { Type } from '@sinclair/typebox';
import { ERROR_STATUS } from '../errors/error-code.js';
import { Component, Obj, StringEnum } from './schema.js';

export const FieldErrorSchema = Component(
  'FieldError',
  Obj({
    path: Type.String({ description: 'the field, as a dotted path into the request (`body.3.mediaId`); empty for the whole request' }),
    message: Type.String(),
  }),
);

/**
 * An RFC 9457 problem document, as every error of both APIs is sent
 * (application/problem+json). `code` is the stable member to branch on;
 * some codes add members of their own, listed here.
 */
export const ProblemSchema = Component(
  'Problem',
  Type.Object(
    {
      type: Type.String({ description: '`urn:dispatch:problem:<code>`' }),
      title: Type.String(),
      status: Type.Integer({ minimum: 400, maximum: 599 }),
      detail: Type.String({ description: 'for people; may change between versions' }),
      code: StringEnum(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[], { description: 'stable and machine-readable' }),
      errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'each refused field (validation_failed, publish_precondition_failed, conflict…)' })),
      requestId: Type.Optional(Type.String({ description: 'the X-Request-Id of the request, for support' })),
      currentVersion: Type.Optional(Type.Integer({ description: 'version_conflict: the version the resource is at now' })),
      currentStatus: Type.Optional(Type.String({ description: 'invalid_transition: the status the article is in' })),
      embargoUntil: Type.Optional(Type.String({ format: 'date-time', description: 'embargoed: when the embargo ends' })),
      locales: Type.Optional(Type.Array(Type.String(), { description: 'not_found on delivery: the locales where this slug is live' })),
    },
    {
      // Codes may carry further context (a lock holder, the articles using a media asset, limits): extensions, per RFC 9457.
      additionalProperties: true,
    },
  ),
);
