import { type FormEvent, type ReactElement, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AdminComponents, ProblemError, VersionConflictError } from '#client';
import { linkProps } from './router.js';
import { useSignedIn } from './session-context.js';
import { STATUS_LABEL } from './workflow-label.js';
import { WorkflowPanel } from './workflow/workflow-panel.js';
import { useWorkflowFieldError } from './workflow/workflow-outcome.js';

type Article = AdminComponents['schemas']['Article'];
type Fields = Pick<Article, 'headline' | 'standfirst' | 'slug' | 'sectionId'>;
/** The fields this editor shows: a failed publish precondition on one is shown next to it. */
const FIELDS_ON_PAGE: readonly string[] = ['headline', 'standfirst', 'slug', 'sectionId'];

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
  return <Editor key={`${article.data.id}:${article.data.version}`} article={article.data} />;
}

function Editor({ article }: { article: Article }) {
  const { client } = useSignedIn();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>({
    headline: article.headline,
    standfirst: article.standfirst,
    slug: article.slug,
    sectionId: article.sectionId,
  });
  const sections = useQuery({
    queryKey: ['sections'],
    queryFn: () => client.get('/admin/v1/sections', { params: { query: { limit: 100 } } }),
    staleTime: 5 * 60_000,
  });
  const changed = (Object.keys(fields) as (keyof Fields)[]).filter((key) => fields[key] !== article[key]);
  const stored = (next: Article) => {
    queryClient.setQueryData(['article', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['articles'] });
  };

  const save = useMutation({
    mutationFn: () =>
      client.patch('/admin/v1/articles/{id}', { params: { path: { id: article.id } }, body: Object.fromEntries(changed.map((key) => [key, fields[key]])) }),
    onSuccess: stored,
  });
  const error = save.error;
  const workflowError = useWorkflowFieldError(article);
  const fieldError = (path: keyof Fields) =>
    (error instanceof ProblemError ? error.errors.find((each) => each.path.replace(/^\//, '') === path)?.message : undefined) ?? workflowError(path);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed.length) save.mutate();
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
      <p className="hint">
        This first editor covers the headline, standfirst, slug and section. The body, photos, tags, bylines and embargo come with the full editor.
      </p>

      <form onSubmit={submit} noValidate>
        <Field id="headline" label="Headline" error={fieldError('headline')}>
          <input id="headline" value={fields.headline} onChange={set('headline')} maxLength={300} />
        </Field>
        <Field id="standfirst" label="Standfirst" error={fieldError('standfirst')}>
          <textarea id="standfirst" value={fields.standfirst} onChange={set('standfirst')} rows={3} />
        </Field>
        <Field id="slug" label="Slug" error={fieldError('slug') ?? (error instanceof ProblemError && error.code === 'slug_taken' ? error.message : undefined)}>
          <input id="slug" value={fields.slug} onChange={set('slug')} spellCheck={false} />
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
        {error instanceof VersionConflictError ? (
          <p className="error" role="alert">
            Someone else saved this story after you opened it, so nothing was overwritten. Your text is still in the fields: copy what you need, then reload the
            page to see their version.
          </p>
        ) : (
          error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!changed.length || save.isPending}>
            Save
          </button>
          <span className="hint" role="status">
            {save.isPending ? 'Saving…' : changed.length ? 'Unsaved changes' : `Version ${article.version} saved`}
          </span>
        </div>
      </form>

      <WorkflowPanel article={article} unsaved={changed.length > 0} fieldsOnPage={FIELDS_ON_PAGE} onMoved={stored} />
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
