import { SetMetadata } from '@nestjs/common';

/** Metadata key: the handler is open to anonymous callers. */
export const PUBLIC_ROUTE = 'dispatch:public';

/**
 * Marks a handler or controller as needing no authentication. The admin API
 * denies by default: a handler must be @Public() or declare a permission.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
