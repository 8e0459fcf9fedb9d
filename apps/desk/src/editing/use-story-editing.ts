import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { VersionConflictError } from '#client';
import { useSignedIn } from '../session-context.js';
import { guardLeaving } from '../router.js';
import { type ConflictRow, conflictRows, reapplied } from './conflict.js';
import { type Article, changedKeys, EDITABLE, type EditableKey, type Fields, fieldsOf, pick, rebased } from './fields.js';
import { draftDifferences, draftKey, draftToKeep, type LocalDraft, parseDraft, restorePlan } from './local-draft.js';

/** A pause in typing this long saves to the server. */
export const AUTOSAVE_MS = 3000;
/** Keeping a local copy waits for this pause (and happens at once when the page goes away). */
const KEEP_MS = 400;

/** A 412: what the user's edits were based on, and the fields they had changed from it. */
interface Conflict {
  baseVersion: number;
  baseRevision: number;
  mine: EditableKey[];
}

const readStored = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

function keep(key: string, draft: LocalDraft | null): void {
  try {
    if (draft) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or refused (private mode): the server save is still there.
  }
}

const hhmm = (at: Date) => `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/**
 * The editor's "never lose text": the fields being edited, saved to the
 * server (Save, Mod-s, and by itself after a pause), kept on this computer
 * until saved (and offered back on the next open), a warning before leaving
 * with unsaved changes, and a 412 turned into a conflict to resolve rather
 * than an overwrite. `article` is the server's copy the edits are on top of.
 */
export function useStoryEditing(article: Article) {
  const { session, client } = useSignedIn();
  const queryClient = useQueryClient();
  const id = article.id;
  const key = draftKey(session.user.id, id);

  const [fields, setFields] = useState<Fields>(() => fieldsOf(article));
  // When the server's copy moves on underneath (another person's save, a workflow move), untouched fields follow it;
  // without this the editor's older values would look like edits, and autosave would write them over the newer ones.
  const synced = useRef(article);
  useEffect(() => {
    const was = synced.current;
    if (was.version === article.version) return;
    synced.current = article;
    setFields((edited) => rebased(fieldsOf(was), fieldsOf(article), edited));
  }, [article]);
  // A kept draft that differs from the server's copy is offered once, on opening; until the user answers, nothing is kept over it.
  const [offer, setOffer] = useState<LocalDraft | null>(() => {
    const draft = parseDraft(readStored(key), id, Date.now());
    return draftDifferences(draft, fieldsOf(article)).length ? draft : null;
  });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const changed = changedKeys(article, fields);
  const base = conflict ? { ...article, version: conflict.baseVersion, currentRevision: conflict.baseRevision } : article;

  const save = useMutation({
    mutationFn: ({ body }: { body: Partial<Fields>; base: Article }) => client.patch('/admin/v1/articles/{id}', { params: { path: { id } }, body }),
    onSuccess: (next) => {
      queryClient.setQueryData(['article', next.id], next);
      void queryClient.invalidateQueries({ queryKey: ['articles'] });
      setSavedAt(new Date());
    },
    onError: (error, { base: from, body }) => {
      // Someone else saved in between: nothing was written; show what they changed next to the user's edits.
      if (error instanceof VersionConflictError)
        setConflict({ baseVersion: from.version, baseRevision: from.currentRevision, mine: Object.keys(body) as EditableKey[] });
    },
  });
  const lastAttempt = useRef<Fields | null>(null);
  // Saving reads the latest state through a ref, so the timers and the key handler need not be set again on every render.
  const latest = useRef({ changed, fields, article, blocked: false, mutate: save.mutate });
  latest.current = { changed, fields, article, blocked: save.isPending || conflict !== null || offer !== null, mutate: save.mutate };
  const saveNow = useCallback(() => {
    const { changed: keys, fields: edited, article: from, blocked, mutate } = latest.current;
    if (!keys.length || blocked) return;
    lastAttempt.current = edited;
    mutate({ body: pick(edited, keys), base: from });
  }, []);

  // Autosave after a pause in typing; a save that failed is not retried until the text changes.
  const failed = save.isError && lastAttempt.current === fields;
  useEffect(() => {
    if (!changed.length || save.isPending || conflict || offer || failed) return;
    const timer = setTimeout(saveNow, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changed.length, save.isPending, failed, conflict, offer, fields, article.version, saveNow]);

  // Mod-s saves now.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  // The local copy: after a short pause, and at once when the page goes away or the editor closes (a 401 signs out and closes it).
  const toKeep = useRef<LocalDraft | null | undefined>(undefined);
  toKeep.current = offer ? undefined : draftToKeep(id, base, fields, Date.now());
  useEffect(() => {
    if (toKeep.current === undefined) return;
    const timer = setTimeout(() => toKeep.current !== undefined && keep(key, toKeep.current), KEEP_MS);
    return () => clearTimeout(timer);
  }, [key, fields, article, conflict, offer]);
  useEffect(() => {
    const flush = () => toKeep.current !== undefined && keep(key, toKeep.current);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [key]);

  // Leaving with unsaved changes warns: closing or reloading the page, and links inside the Desk.
  const unsaved = changed.length > 0 || save.isPending || conflict !== null;
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    guardLeaving(() => window.confirm('This story has changes that are not saved yet. Leave anyway? (A copy stays on this computer.)'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      guardLeaving(null);
    };
  }, [unsaved]);

  // In a conflict: the current version (its read gives the client the new If-Match) and what changed since the user's base.
  const theirs = useQuery({
    queryKey: ['article-conflict', id, conflict?.baseRevision],
    enabled: conflict !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    queryFn: async () => {
      const current = await client.get('/admin/v1/articles/{id}', { params: { path: { id } } });
      const from = conflict!.baseRevision;
      const changes =
        current.currentRevision === from
          ? []
          : (await client.get('/admin/v1/articles/{id}/revisions/compare', { params: { path: { id }, query: { from, to: current.currentRevision } } })).changes;
      return { current, changes };
    },
  });
  const mineNow = useMemo(() => (conflict ? [...new Set([...conflict.mine, ...changedKeys(article, fields)])] : []), [conflict, article, fields]);
  const rows: ConflictRow[] = conflict && theirs.data ? conflictRows(theirs.data.changes, fieldsOf(theirs.data.current), fields, mineNow) : [];

  const reloadTheirs = () => {
    if (!theirs.data) return;
    const current = theirs.data.current;
    setFields(fieldsOf(current));
    setConflict(null);
    save.reset();
    queryClient.setQueryData(['article', id], current);
  };
  const reapplyMine = () => {
    if (!theirs.data) return;
    const current = theirs.data.current;
    const next = reapplied(fieldsOf(current), fields, mineNow);
    setFields(next);
    setConflict(null);
    save.reset();
    queryClient.setQueryData(['article', id], current);
    const body = pick(next, changedKeys(current, next));
    if (Object.keys(body).length) {
      lastAttempt.current = next;
      save.mutate({ body, base: current });
    }
  };

  const restore = () => {
    if (!offer) return;
    const kept = pick(offer.fields, EDITABLE);
    setFields({ ...fieldsOf(article), ...kept });
    // Someone changed the content since the draft's base: restoring goes through the conflict view, never straight over their work.
    if (restorePlan(offer, article) === 'conflict')
      setConflict({ baseVersion: offer.baseVersion, baseRevision: offer.baseRevision, mine: Object.keys(kept) as EditableKey[] });
    setOffer(null);
  };
  const discard = () => {
    keep(key, null);
    setOffer(null);
  };

  const status = save.isPending
    ? 'Saving…'
    : conflict
      ? 'Not saved: someone else saved first'
      : failed
        ? 'Not saved'
        : changed.length
          ? 'Unsaved changes'
          : savedAt
            ? `Version ${article.version} saved at ${hhmm(savedAt)}`
            : `Version ${article.version} saved`;

  return {
    fields,
    setFields,
    changed,
    save,
    saveNow,
    status,
    offer,
    restore,
    discard,
    conflict: conflict ? { rows, loading: theirs.isPending, error: theirs.error } : null,
    reloadTheirs,
    reapplyMine,
  };
}
