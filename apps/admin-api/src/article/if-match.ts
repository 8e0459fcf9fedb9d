import { DomainError } from '#common';

/**
 * The version a write was based on, from `If-Match: "<version>"`. Missing →
 * 428 precondition_required; unparseable → 412 (it cannot match).
 */
export function expectedVersion(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError('precondition_required', 'Send If-Match with the ETag (version) you last read');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new DomainError('version_conflict', 'If-Match must be the article ETag, e.g. "3"');
  return Number(match[1]);
}
