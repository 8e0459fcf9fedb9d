import { type Article, changedKeys, type EditableKey, type Fields, pick } from './fields.js';

/**
 * What the Desk keeps on this computer while a story is being edited: the
 * fields the user changed and the version (and revision) they were based on,
 * so a reload, a crash of the tab or an expired session loses nothing.
 */
export interface LocalDraft {
  articleId: string;
  /** The article's version the edits started from (its If-Match). */
  baseVersion: number;
  /** Its content revision, for comparing with what the server has since. */
  baseRevision: number;
  /** Only the fields changed from that version. */
  fields: Partial<Fields>;
  /** Epoch milliseconds of the last keep. */
  keptAt: number;
}

/** Older local drafts are not offered any more (nor kept). */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60_000;

/** Per user and article: on a shared computer nobody is offered someone else's text. */
export const draftKey = (userId: string, articleId: string): string => `dispatch.desk.draft:${userId}:${articleId}`;

/** What to keep for these edits on top of `base`: null when nothing differs (then any kept draft goes). */
export function draftToKeep(articleId: string, base: Pick<Article, 'version' | 'currentRevision'> & Fields, edited: Fields, now: number): LocalDraft | null {
  const keys = changedKeys(base, edited);
  if (keys.length === 0) return null;
  return { articleId, baseVersion: base.version, baseRevision: base.currentRevision, fields: pick(edited, keys), keptAt: now };
}

/** A kept draft read back, or null when it is missing, malformed or too old. */
export function parseDraft(stored: string | null, articleId: string, now: number): LocalDraft | null {
  if (!stored) return null;
  try {
    const draft = JSON.parse(stored) as Partial<LocalDraft> | null;
    if (
      !draft ||
      draft.articleId !== articleId ||
      typeof draft.baseVersion !== 'number' ||
      typeof draft.baseRevision !== 'number' ||
      typeof draft.keptAt !== 'number' ||
      typeof draft.fields !== 'object' ||
      draft.fields === null
    )
      return null;
    if (now - draft.keptAt > DRAFT_MAX_AGE_MS) return null;
    return draft as LocalDraft;
  } catch {
    return null;
  }
}

/** The kept fields that would change what the server has now: offer "Restore unsaved changes" when there are any. */
export function draftDifferences(draft: LocalDraft | null, server: Fields): EditableKey[] {
  return draft ? changedKeys(server, draft.fields) : [];
}

/**
 * How a restored draft goes back into the editor: on top of the server's
 * copy when nobody changed the content since the draft's base ('plain'),
 * or through the conflict view when someone did ('conflict'), so that
 * restoring never overwrites their work unseen.
 */
export function restorePlan(draft: LocalDraft, server: Pick<Article, 'currentRevision'>): 'plain' | 'conflict' {
  return draft.baseRevision === server.currentRevision ? 'plain' : 'conflict';
}
