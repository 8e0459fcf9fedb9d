import { DomainError, type FieldError } from '#common';
import type { Db } from '#database';
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
