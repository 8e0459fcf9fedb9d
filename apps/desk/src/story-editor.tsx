import { type FormEvent, type ReactElement, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type AdminComponents, ProblemError, VersionConflictError } from '#client';
import { ConflictView } from './editing/conflict-view.js';
import { RecoveryOffer } from './editing/recovery-offer.js';
import { useStoryEditing } from './editing/use-story-editing.js';
import { fieldsOf } from './editing/fields.js';
import { HistoryPanel } from './history/history-panel.js';
import { BodyEditor } from './body/body-editor.js';
import { linkProps } from './router.js';
import { useSignedIn } from './session-context.js';
import { STATUS_LABEL } from './workflow-label.js';
import { WorkflowPanel } from './workflow/workflow-panel.js';
import { LeadImageField } from './media/lead-image-field.js';
import { useWorkflowFieldError } from './workflow/workflow-outcome.js';
import { metaSummary } from './story/meta.js';
import { PreviewLink } from './story/preview-link.js';
import { StoryMeta } from './story/story-meta.js';
import { useSlugSuggestion } from './story/use-slug-suggestion.js';

type Article = AdminComponents['schemas']['Article'];
type Fields = Pick<Article, 'headline' | 'standfirst' | 'slug' | 'sectionId' | 'leadMediaId'>;
/** The fields this editor shows: a failed publish precondition on one is shown next to it. */
const FIELDS_ON_PAGE: readonly string[] = ['headline', 'standfirst', 'slug', 'sectionId', 'kind', 'leadMediaId', 'tagIds', 'authorIds', 'embargoUntil', 'seo'];

/**
 * The Desk's first story editor: headline, standfirst, slug and section,
 * saved with the version read (If-Match, kept by the typed client), and the
 * workflow moves that need no further input. The body, media, tags and the
 * rest come with the full editor.
 */
export function StoryEditor({ id }: { id: string }) {
  const { client } = useSignedIn();
  // Read once and not refreshed behind the user's back: a refresh would move the version the next save is checked against.
  const article = useQuery({
    queryKey: ['article', id],
    queryFn: () => client.get('/admin/v1/articles/{id}', { params: { path: { id } } }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (article.isPending) return <main className="page">Loading the story…</main>;
  if (article.isError) {
    return (
      <main className="page">
        <h1>This story cannot be opened</h1>
        <p role="alert">{article.error.message}</p>
        <a {...linkProps('')}>Back to the desk</a>
      </main>
    );
  }
  // Not remounted when a save moves the version: typing goes on while (auto)saves come back.
  return <Editor key={article.data.id} article={article.data} />;
}

function Editor({ article }: { article: Article }) {
  const { client } = useSignedIn();
  const queryClient = useQueryClient();
  const editing = useStoryEditing(article);
  const { fields, setFields, changed, save } = editing;
  const slugSuggestion = useSlugSuggestion(article, fields, setFields);
  // The body editor reads its blocks when it mounts: a restore or a conflict resolution that replaces them mounts it afresh.
  const [bodyKey, setBodyKey] = useState(0);
  const replacing = (run: () => void) => () => {
    run();
    setBodyKey((key) => key + 1);
  };
  const sections = useQuery({
    queryKey: ['sections'],
    queryFn: () => client.get('/admin/v1/sections', { params: { query: { limit: 100 } } }),
    staleTime: 5 * 60_000,
  });
  const stored = (next: Article) => {
    queryClient.setQueryData(['article', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['articles'] });
  };

  const error = save.error;
  const workflowError = useWorkflowFieldError(article);
  const fieldError = (path: string) =>
    (error instanceof ProblemError ? error.errors.find((each) => each.path.replace(/^\//, '') === path)?.message : undefined) ?? workflowError(path);

  const slugError = fieldError('slug') ?? (error instanceof ProblemError && error.code === 'slug_taken' ? error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    editing.saveNow();
  };
  const set = (key: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [key]: key === 'sectionId' ? event.target.value || null : event.target.value });

  return (
    <main className="page editor">
      <p>
        <a {...linkProps('')}>← Back to the desk</a>
      </p>
      <div className="page-head">
        <h1>Edit story</h1>
        <span className={`status status-${article.status}`}>{STATUS_LABEL[article.status]}</span>
      </div>
      <p className="hint">This editor covers the headline, standfirst, slug, section, kind, lead image, tags, bylines, embargo, SEO texts and body.</p>

      {editing.offer && <RecoveryOffer draft={editing.offer} onRestore={replacing(editing.restore)} onDiscard={editing.discard} />}
      <form onSubmit={submit} noValidate>
        <Field id="headline" label="Headline" error={fieldError('headline')}>
          <input id="headline" value={fields.headline} onChange={(event) => slugSuggestion.onHeadline(event.target.value)} maxLength={300} />
        </Field>
        <Field id="standfirst" label="Standfirst" error={fieldError('standfirst')}>
          <textarea id="standfirst" value={fields.standfirst} onChange={set('standfirst')} rows={3} />
        </Field>
        <Field id="slug" label="Slug" error={slugError}>
          <input
            id="slug"
            value={fields.slug}
            onChange={(event) => slugSuggestion.onSlug(event.target.value)}
            spellCheck={false}
            aria-invalid={slugError ? true : undefined}
            aria-describedby={slugError ? 'slug-error' : undefined}
          />
        </Field>
        <Field id="section" label="Section" error={fieldError('sectionId')}>
          <select id="section" value={fields.sectionId ?? ''} onChange={set('sectionId')}>
            <option value="">No section</option>
            {sections.data?.data.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </select>
        </Field>
        <LeadImageField
          value={fields.leadMediaId}
          onChange={(leadMediaId) => setFields((now) => ({ ...now, leadMediaId }))}
          error={fieldError('leadMediaId')}
        />
        <StoryMeta fields={fields} onChange={(change) => setFields((now) => ({ ...now, ...change }))} fieldError={fieldError} />
        <BodyEditor key={bodyKey} initial={fields.body} onChange={(body) => setFields((now) => ({ ...now, body }))} />
        {editing.conflict ? (
          <ConflictView
            {...editing.conflict}
            show={(row, value) =>
              row.field === 'sectionId'
                ? value
                  ? (sections.data?.data.find((section) => section.id === value)?.name ?? String(value))
                  : 'No section'
                : row.field === 'body'
                  ? bodySummary(value)
                  : (metaSummary(row.field, value) ?? (String(value ?? '') || '(empty)'))
            }
            busy={save.isPending}
            onReloadTheirs={replacing(editing.reloadTheirs)}
            onReapply={replacing(editing.reapplyMine)}
          />
        ) : error instanceof VersionConflictError ? null : (
          error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!changed.length || save.isPending || editing.conflict !== null || editing.offer !== null}>
            Save
          </button>
          <span className="hint" role="status">
            {editing.status}
          </span>
        </div>
      </form>

      <WorkflowPanel article={article} unsaved={changed.length > 0} fieldsOnPage={FIELDS_ON_PAGE} onMoved={stored} />
      <PreviewLink articleId={article.id} unsaved={changed.length > 0} />
      <HistoryPanel article={article} unsaved={changed.length > 0} onRestored={(next) => replacing(() => setFields(fieldsOf(next)))()} />
    </main>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactElement }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A body as a conflict row shows it: its text, shortened. */
function bodySummary(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '(empty)';
  const text = value
    .map((block: { text?: string; items?: string[]; type?: string }) => block.text ?? block.items?.join(' ') ?? `[${block.type ?? 'block'}]`)
    .join(' ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}
