import { type Actor, DomainError, isEditorOrAbove } from '#common';

/**
 * Who may change an asset's metadata. Editors and admins: any asset.
 * Contributors: only their own uploads, and only while no live story uses
 * them — a live photo's credit, caption or rights are what the public sees,
 * so they are the desk's to change.
 */
export function canEditMedia(actor: Actor, asset: { createdById: string | null }, usedByLiveStory: boolean): boolean {
  return isEditorOrAbove(actor) || (isUploader(actor, asset) && !usedByLiveStory);
}

export function assertCanEditMedia(actor: Actor, asset: { createdById: string | null }, usedByLiveStory: boolean): void {
  if (canEditMedia(actor, asset, usedByLiveStory)) return;
  throw DomainError.forbidden(
    isUploader(actor, asset) ? 'A live story uses this asset: ask an editor to change it' : 'Contributors can change only their own uploads',
  );
}

function isUploader(actor: Actor, asset: { createdById: string | null }): boolean {
  return actor.userId !== null && asset.createdById === actor.userId;
}
