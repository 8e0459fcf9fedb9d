import type { Actor } from '#common';
import { MEDIA_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';

/** Who may change an asset's metadata: MEDIA_POLICY.edit. */
export function assertCanEditMedia(actor: Actor, asset: { createdById: string | null }, usedByLiveStory: boolean): void {
  enforce(MEDIA_POLICY.edit(actor, asset, usedByLiveStory));
}
