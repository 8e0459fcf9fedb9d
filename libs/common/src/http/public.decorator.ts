import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../contract/document.js';

/** Metadata key: the handler is open to anonymous callers. */
export const PUBLIC_ROUTE = 'dispatch:public';

/**
 * Marks a handler or controller as needing no authentication. The admin API
 * denies by default: a handler must be @Public() or declare a permission.
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION, true));
