import { type FormEvent, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminComponents } from '#client';
import { useSignedIn } from '../session-context.js';
import { formatInZone, newsroomTimeZone } from '../workflow/zoned-time.js';
import { actionLabel, bodyDiff, type DiffLine, valueText } from './body-diff.js';
import './history.css';

type Article = AdminComponents['schemas']['Article'];
type FieldChange = AdminComponents['schemas']['FieldChange'];

const FIELD_NAME: Partial<Record<FieldChange['field'], string>> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  slug: 'Slug',
  sectionId: 'Section',
  body: 'Body',
  tagIds: 'Tags',
  authorIds: 'Bylines',
  leadMediaId: 'Lead image',
  relatedArticleIds: 'Related stories',
  seo: 'SEO',
  embargoUntil: 'Embargo until',
  publishAt: 'Publish at',
  expireAt: 'Expire at',
};

export interface HistoryPanelProps {
  article: Article;
  /** The editor holds unsaved changes: a restore waits until they are saved. */
  unsaved: boolean;
  /** The story after a restore (the editor shows its content). */
  onRestored: (article: Article) => void;
}

/**
 * The story's history beside the editor: its saved revisions (who, when,
 * what changed), any two compared field by field with the body as a block
 * diff, a revision restored as the working copy; and the workflow history
 * next to the editorial notes, with a form to add one.
 */
export function HistoryPanel({ article, unsaved, onRestored }: HistoryPanelProps) {
  const { session, client } = useSignedIn();
  const queryClient = useQueryClient();
  const timeZone = useMemo(newsroomTimeZone, []);
  const when = (iso: string) => formatInZone(iso, timeZone);
  const id = article.id;

  const revisions = useQuery({
    queryKey: ['article-revisions', id, article.version],
    queryFn: () => client.get('/admin/v1/articles/{id}/revisions', { params: { path: { id } } }),
  });
  const history = useQuery({
    queryKey: ['article-history', id, article.version],
    queryFn: () => client.get('/admin/v1/articles/{id}/history', { params: { path: { id } } }),
  });
  const comments = useQuery({
    queryKey: ['article-comments', id, article.version],
    queryFn: () => client.get('/admin/v1/articles/{id}/comments', { params: { path: { id } } }),
  });
  const sections = useQuery({
    queryKey: ['sections'],
    queryFn: () => client.get('/admin/v1/sections', { params: { query: { limit: 100 } } }),
    staleTime: 5 * 60_000,
  });

  // Who: the signed-in user and the authors of notes are known by name; the user list is for admins only.
  const names = new Map<string, string>([[session.user.id, session.user.name]]);
  for (const comment of comments.data?.data ?? []) if (comment.authorId && comment.authorName) names.set(comment.authorId, comment.authorName);
  const who = (userId: string | null) => (userId === null ? 'System' : (names.get(userId) ?? 'Another user'));

  const list = revisions.data?.data ?? [];
  const newest = list[0]?.number;
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const from = picked.from ?? list[1]?.number ?? newest ?? null;
  const to = picked.to ?? newest ?? null;
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);
  const comparison = useQuery({
    queryKey: ['article-compare', id, comparing?.from, comparing?.to],
    enabled: comparing !== null,
    queryFn: () => client.get('/admin/v1/articles/{id}/revisions/compare', { params: { path: { id }, query: { from: comparing!.from, to: comparing!.to } } }),
  });

  const restore = useMutation({
    mutationFn: (number: number) => client.post('/admin/v1/articles/{id}/revisions/{number}/restore', { params: { path: { id, number } } }),
    onSuccess: (next) => {
      queryClient.setQueryData(['article', next.id], next);
      void queryClient.invalidateQueries({ queryKey: ['articles'] });
      onRestored(next);
    },
  });

  const [note, setNote] = useState('');
  const addNote = useMutation({
    mutationFn: (body: string) => client.post('/admin/v1/articles/{id}/comments', { params: { path: { id } }, body: { body } }),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['article-comments', id] });
    },
  });
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) addNote.mutate(note.trim());
  };

  const sectionName = (value: string) => sections.data?.data.find((section) => section.id === value)?.name;

  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>

      <section aria-labelledby="revisions-title">
        <h3 id="revisions-title">Revisions</h3>
        {revisions.isError && <p role="alert">{revisions.error.message}</p>}
        {revisions.isPending && <p className="hint">Loading revisions…</p>}
        {list.length > 0 && (
          <table className="revisions">
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Saved by</th>
                <th scope="col">When</th>
                <th scope="col">Changed</th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((revision) => (
                <tr key={revision.number}>
                  <th scope="row">
                    {revision.number}
                    {revision.number === article.currentRevision && <span className="tag"> current</span>}
                    {revision.live && <span className="tag live-tag"> live</span>}
                  </th>
                  <td>{who(revision.createdBy)}</td>
                  <td>{when(revision.createdAt)}</td>
                  <td>{revision.summary || '(created)'}</td>
                  <td>
                    {revision.number !== article.currentRevision && (
                      <button
                        type="button"
                        disabled={unsaved || restore.isPending}
                        title={unsaved ? 'Save your changes first' : undefined}
                        onClick={() => restore.mutate(revision.number)}
                      >
                        Restore revision {revision.number}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {restore.isError && (
          <p className="error" role="alert">
            {restore.error.message}
          </p>
        )}
        {restore.isSuccess && !restore.isPending && (
          <p className="hint" role="status">
            Revision {restore.variables} restored as revision {restore.data.currentRevision}.
          </p>
        )}

        {list.length > 1 && (
          <form
            className="compare-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (from !== null && to !== null) setComparing({ from, to });
            }}
          >
            <label>
              From revision{' '}
              <select value={from ?? ''} onChange={(event) => setPicked({ from: Number(event.target.value), to })}>
                {list.map((revision) => (
                  <option key={revision.number} value={revision.number}>
                    {revision.number}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To revision{' '}
              <select value={to ?? ''} onChange={(event) => setPicked({ from, to: Number(event.target.value) })}>
                {list.map((revision) => (
                  <option key={revision.number} value={revision.number}>
                    {revision.number}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={from === null || to === null || from === to}>
              Compare
            </button>
          </form>
        )}
        {comparing && (
          <section className="comparison" aria-label={`Revision ${comparing.from} compared with revision ${comparing.to}`}>
            {comparison.isPending && <p className="hint">Comparing…</p>}
            {comparison.isError && <p role="alert">{comparison.error.message}</p>}
            {comparison.data && comparison.data.changes.length === 0 && <p>No differences.</p>}
            {comparison.data && comparison.data.changes.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Revision {comparison.data.from}</th>
                    <th scope="col">Revision {comparison.data.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.data.changes.map((change) =>
                    change.field === 'body' ? (
                      <tr key={change.field}>
                        <th scope="row">Body</th>
                        <td colSpan={2}>
                          <BodyDiff lines={bodyDiff(change.from, change.to)} />
                        </td>
                      </tr>
                    ) : (
                      <tr key={change.field}>
                        <th scope="row">{FIELD_NAME[change.field] ?? change.field}</th>
                        <td>{valueText(change.from, sectionName)}</td>
                        <td>{valueText(change.to, sectionName)}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            )}
          </section>
        )}
      </section>

      <div className="history-columns">
        <section aria-labelledby="workflow-history-title">
          <h3 id="workflow-history-title">Workflow history</h3>
          {history.isError && <p role="alert">{history.error.message}</p>}
          <ol className="events" aria-label="Workflow history">
            {(history.data?.data ?? []).map((entry) => (
              <li key={entry.id}>
                <strong>{actionLabel(entry.action)}</strong> ·{' '}
                {entry.actorType === 'user' ? who(entry.actorId) : entry.actorType === 'api_token' ? 'API token' : 'System'} ·{' '}
                <span className="hint">{when(entry.at)}</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="notes-title">
          <h3 id="notes-title">Editorial notes</h3>
          {comments.isError && <p role="alert">{comments.error.message}</p>}
          <ol className="events" aria-label="Editorial notes">
            {(comments.data?.data ?? []).map((comment) => (
              <li key={comment.id}>
                <p className="note-body">{comment.body}</p>
                <span className="hint">
                  {comment.authorName ?? 'System'} · {comment.kind === 'note' ? 'note' : actionLabel(comment.kind).toLowerCase()} · {when(comment.createdAt)}
                </span>
              </li>
            ))}
          </ol>
          <form onSubmit={submitNote} className="note-form">
            <label htmlFor="history-note">Note</label>
            <textarea id="history-note" value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={5000} />
            {addNote.isError && (
              <p className="error" role="alert">
                {addNote.error.message}
              </p>
            )}
            <button type="submit" disabled={!note.trim() || addNote.isPending}>
              Add note
            </button>
          </form>
        </section>
      </div>
    </section>
  );
}

function BodyDiff({ lines }: { lines: DiffLine[] }) {
  const removed = (text: string) => (
    <del>
      <span className="visually-hidden">Removed: </span>
      {text}
    </del>
  );
  const added = (text: string) => (
    <ins>
      <span className="visually-hidden">Added: </span>
      {text}
    </ins>
  );
  return (
    <ol className="body-diff" aria-label="Body changes">
      {lines.map((line, index) => (
        <li key={index} className={line.kind === 'same' ? 'diff-same' : undefined}>
          {line.kind === 'same' ? (
            line.text
          ) : line.kind === 'changed' ? (
            <>
              {removed(line.from)}
              {added(line.to)}
            </>
          ) : line.kind === 'added' ? (
            added(line.text)
          ) : (
            removed(line.text)
          )}
        </li>
      ))}
    </ol>
  );
}
