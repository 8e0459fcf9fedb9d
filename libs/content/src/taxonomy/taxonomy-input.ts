import { DomainError, type FieldError, isUniqueViolation } from '#common';
import type { Db, PrismaService } from '#database';
import { isValidSlug, slugify } from '../shared/slug.js';
import { localeRepository } from './locale.repository.js';

/** The slug asked for, or one made from the name; validation_failed when neither gives one. */
export function slugOrFromName(slug: string | undefined, name: string, locale?: string): string {
  if (slug !== undefined) {
    if (!isValidSlug(slug)) throw DomainError.validation([{ path: 'slug', message: 'must be lowercase letters or digits separated by single hyphens' }]);
    return slug;
  }
  const made = slugify(name, locale);
  if (!made) throw DomainError.validation([{ path: 'slug', message: 'cannot be made from this name; send one' }]);
  return made;
}

export function assertName(name: string | undefined): void {
  if (name !== undefined && name.trim() === '') throw DomainError.validation([{ path: 'name', message: 'must not be empty' }]);
}

/** Names per locale: every key a configured locale, every value a non-empty name. */
export async function assertLocaleNames(db: Db, names: Record<string, string> | undefined): Promise<void> {
  if (names === undefined) return;
  const codes = await localeRepository.codes(db);
  const errors: FieldError[] = [];
  for (const [code, value] of Object.entries(names)) {
    if (!codes.has(code)) errors.push({ path: `names.${code}`, message: 'not a configured locale' });
    else if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
      errors.push({ path: `names.${code}`, message: 'must be a name of 1–200 characters' });
  }
  if (errors.length) throw DomainError.validation(errors);
}

export function trimmedNames(names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([code, value]) => [code, value.trim()]));
}

/**
 * Runs a write to a taxonomy whose slugs are unique: the unique index
 * refusing the slug is 409 slug_taken ("Another tag already uses this slug").
 */
export async function translateSlugConflict<T>(kind: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new DomainError('slug_taken', `Another ${kind} already uses this slug`, { errors: [{ path: 'slug', message: 'already taken' }] });
    }
    throw error;
  }
}

/**
 * What creating any named taxonomy entry (tag, section, author) starts
 * with: a name, its slug (given, or made from the name), its names per
 * locale if it has them, one transaction for `write`, and 409 slug_taken
 * when the slug is already another's.
 */
export function createNamed<T>(
  kind: string,
  prisma: PrismaService,
  input: { name: string; slug?: string | undefined; names?: Record<string, string> | undefined },
  write: (tx: Db, slug: string) => Promise<T>,
): Promise<T> {
  assertName(input.name);
  const slug = slugOrFromName(input.slug, input.name);
  return translateSlugConflict(kind, () =>
    prisma.$transaction(async (tx) => {
      await assertLocaleNames(tx, input.names);
      return write(tx, slug);
    }),
  );
}
