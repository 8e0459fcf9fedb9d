import { type ArgumentMetadata, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { DomainError, type FieldError } from '../errors/index.js';

/** The largest PostgreSQL `integer` (int4): numbers from the outside that reach an int column stay at or below it. */
export const INT4_MAX = 2_147_483_647;

/**
 * Global validation: unknown fields are rejected, values are converted to the
 * DTO's types, and every failure becomes a 400 validation_failed listing each
 * field. Before any of that, a NUL character anywhere in a body, query string,
 * route parameter or multipart field is refused, and after it a date outside
 * the years 1–9999: PostgreSQL cannot store either, so they would otherwise
 * surface as a database error (a 500).
 */
export function createValidationPipe(): ValidationPipe {
  return new DispatchValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}

class DispatchValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const paths = nulPaths(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
      if (paths.length > 0) throw DomainError.validation(paths.map((path) => ({ path, message: 'must not contain a NUL character' })));
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const paths = outOfRangeDatePaths(result);
      if (paths.length > 0) throw DomainError.validation(paths.map((path) => ({ path, message: 'must be a date between the years 1 and 9999' })));
    }
    return result;
  }
}

/**
 * Paths of Date values (as DTOs convert them) that PostgreSQL cannot store:
 * JavaScript dates reach the year -271821, timestamptz starts at 4713 BC
 * and has no year 0. Years 1–9999 are what ISO 8601's four digits allow.
 */
function outOfRangeDatePaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && found.length < MAX_FINDINGS) {
    const [current, path] = stack.pop()!;
    if (current instanceof Date) {
      const year = current.getUTCFullYear();
      if (!(year >= 1 && year <= 9999)) found.push(path || 'value');
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, `${path}[${index}]`]));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) stack.push([item, path === '' ? key : `${path}.${key}`]);
    }
  }
  return found.sort();
}

/** At most this many findings are listed; one is enough to refuse. */
const MAX_FINDINGS = 20;

/**
 * Paths (as flattenValidationErrors writes them: `body[0].text`) of every
 * string or object key holding U+0000. Iterative: input depth is bounded by
 * the JSON parser, but the walk must not be the thing that overflows.
 */
export function nulPaths(value: unknown, root = ''): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && found.length < MAX_FINDINGS) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) found.push(path || 'value');
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, `${path}[${index}]`]));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const child = path === '' ? key : `${path}.${key}`;
        if (key.includes('\u0000')) found.push(child);
        else stack.push([item, child]);
      }
    }
  }
  return found.sort();
}

/**
 * A whole-number route parameter (a revision number) that fits int4; anything
 * else — letters, a sign, 2147483648 — is 400 validation_failed naming the
 * parameter, before it can reach a query as an out-of-range integer.
 */
export class IntParamPipe implements PipeTransform<string, number> {
  constructor(private readonly min = 0) {}

  transform(value: string, metadata: ArgumentMetadata): number {
    const number = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (number >= this.min && number <= INT4_MAX) return number;
    throw DomainError.validation([{ path: metadata.data ?? 'parameter', message: `must be a whole number from ${this.min} to ${INT4_MAX}` }]);
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ path, message: message.replace(/^property (\S+) should not exist$/, 'unknown field') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out.length > 0 ? out : [{ path: parent || 'body', message: 'invalid value' }];
}

/**
 * Like @IsOptional(), but only for a missing field: `null` is still
 * validated (and refused by the field's other rules). Use @IsOptional() only
 * where null is meaningful (a field the client may clear).
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
