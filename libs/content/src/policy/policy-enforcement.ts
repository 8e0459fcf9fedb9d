import { DomainError } from '#common';
import type { Verdict } from './access-policy.js';

/** Turns a refusal into the domain error services throw: 403 forbidden, or 409 invalid_transition for a state the caller must change first. */
export function enforce(verdict: Verdict): void {
  if (verdict.ok) return;
  throw verdict.reason === 'forbidden' ? DomainError.forbidden(verdict.message) : new DomainError('invalid_transition', verdict.message);
}
