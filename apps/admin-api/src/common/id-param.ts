import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '#common';

/** `:id` path parameters are UUIDs; anything else is 404, as no such resource exists. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('The resource') });
