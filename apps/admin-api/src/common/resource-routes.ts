import { applyDecorators, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, type ApiOperationOptions, ApiTags } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { type ErrorCode, Problems, Responds, type RespondsOptions } from '#common';

// The routes most admin resources share, each one decorator: method and path,
// operation, success response and problems. The permission stays a decorator
// of its own on every handler (or its class), so each route shows who may call it.

/** A controller of the admin API: bearer-authenticated, its routes under `path`, grouped in the document as `tag` (default: the path). */
export const AdminController = (path: string, tag = path) => applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));

/** A summary alone, or the summary with a description. */
type Operation = string | ApiOperationOptions;

const operation = (op: Operation) => ApiOperation(typeof op === 'string' ? { summary: op } : op);

/** `GET /`: one page of the resource. */
export const ListRoute = (op: Operation, page: TSchema) => applyDecorators(Get(), operation(op), Responds(200, page));

/** `GET /:id` (or `path`): one of them; 404 not_found when there is none. */
export const GetRoute = (op: Operation, schema: TSchema, { path = ':id', ...options }: RespondsOptions & { path?: string } = {}) =>
  applyDecorators(Get(path), operation(op), Responds(200, schema, options), Problems('not_found'));

/** `POST /`: creates one, 201 with it; `problems` are what the input can run into. */
export const CreateRoute = (op: Operation, schema: TSchema, problems: ErrorCode[] = [], options: RespondsOptions = {}) =>
  applyDecorators(Post(), operation(op), Responds(201, schema, options), ...(problems.length ? [Problems(...problems)] : []));

/** `PATCH /:id` (or `path`): changes one, 200 with it; not_found and `problems`. */
export const UpdateRoute = (
  op: Operation,
  schema: TSchema,
  problems: ErrorCode[] = [],
  { path = ':id', ...options }: RespondsOptions & { path?: string } = {},
) => applyDecorators(Patch(path), operation(op), Responds(200, schema, options), Problems('not_found', ...problems));

/** `DELETE /:id`: 204; not_found and `problems`. */
export const DeleteRoute = (op: Operation, problems: ErrorCode[] = [], options: Pick<RespondsOptions, 'description'> = {}) =>
  applyDecorators(Delete(':id'), HttpCode(204), operation(op), Responds(204, null, options), Problems('not_found', ...problems));
