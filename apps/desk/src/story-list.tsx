import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { AdminComponents } from '#client';
import { changedAgo } from './changed-ago.js';
import { linkProps, navigate } from './router.js';
import { useSignedIn } from './session-context.js';
import { filterSearch, listQuery, parseFilter, type StoryFilter } from './story-filter.js';
import { DESK_STATUSES, STATUS_LABEL } from './workflow-label.js';

type Article = AdminComponents['schemas']['Article'];

/** Other people's changes show up without a reload. */
export const POLL_MS = 15_000;

export function StoryList({ search }: { search: string }) {
  const { session, client } = useSignedIn();
  const filter = parseFilter(search);
  const setFilter = (change: Partial<StoryFilter>) => navigate(filterSearch({ ...filter, ...change }), { replace: true });
  const isContributor = session.user.role === 'contributor';
  const query = listQuery(filter, session.user.id);

  const sections = useQuery({
    queryKey: ['sections'],
    queryFn: () => client.get('/admin/v1/sections', { params: { query: { limit: 100 } } }),
    staleTime: 5 * 60_000,
  });
  const locales = useQuery({ queryKey: ['locales'], queryFn: () => client.get('/admin/v1/locales'), staleTime: 5 * 60_000 });
  const stories = useInfiniteQuery({
    queryKey: ['articles', query],
    queryFn: ({ pageParam }) => client.get('/admin/v1/articles', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: POLL_MS,
  });
  const sectionName = new Map(sections.data?.data.map((section) => [section.id, section.name]));
  const rows = stories.data?.pages.flatMap((page) => page.data) ?? [];
  const now = useNow(POLL_MS);

  return (
    <main className="page">
      <div className="page-head">
        <h1>Stories</h1>
        <NewStory />
      </div>

      <StatusTabs current={filter.status} onChange={(status) => setFilter({ status })} />

      <form className="filters" role="search" aria-label="Filter stories" onSubmit={(event) => event.preventDefault()}>
        <SearchField value={filter.q ?? ''} onSearch={(q) => setFilter({ q })} />
        <label>
          Section
          <select value={filter.section ?? ''} onChange={(event) => setFilter({ section: event.target.value })}>
            <option value="">All sections</option>
            {sections.data?.data.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Locale
          <select value={filter.locale ?? ''} onChange={(event) => setFilter({ locale: event.target.value })}>
            <option value="">All locales</option>
            {locales.data?.data.map((locale) => (
              <option key={locale.code} value={locale.code}>
                {locale.name}
              </option>
            ))}
          </select>
        </label>
        {isContributor ? (
          <p className="scope">Your stories</p>
        ) : (
          <fieldset className="whose">
            <legend>Whose stories</legend>
            {(['mine', 'everyone'] as const).map((whose) => (
              <label key={whose}>
                <input type="radio" name="whose" value={whose} checked={filter.whose === whose} onChange={() => setFilter({ whose })} />
                {whose === 'mine' ? 'Mine' : 'Everyone'}
              </label>
            ))}
          </fieldset>
        )}
      </form>

      <section id="story-panel" role="tabpanel" aria-labelledby={`tab-${filter.status}`} aria-busy={stories.isFetching}>
        {stories.isError ? (
          <p className="error" role="alert">
            The stories could not be loaded: {stories.error.message}
          </p>
        ) : stories.isPending ? (
          <p>Loading stories…</p>
        ) : rows.length === 0 ? (
          <p className="empty">No {STATUS_LABEL[filter.status].toLowerCase()} stories match.</p>
        ) : (
          <table className="stories">
            <caption className="visually-hidden">{STATUS_LABEL[filter.status]} stories</caption>
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                <th scope="col">Locale</th>
                <th scope="col">Section</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((story) => (
                <StoryRow key={story.id} story={story} section={story.sectionId ? sectionName.get(story.sectionId) : undefined} now={now} />
              ))}
            </tbody>
          </table>
        )}
        {stories.hasNextPage && (
          <button type="button" className="more" disabled={stories.isFetchingNextPage} onClick={() => void stories.fetchNextPage()}>
            Load more
          </button>
        )}
      </section>
    </main>
  );
}

function StoryRow({ story, section, now }: { story: Article; section: string | undefined; now: Date }) {
  return (
    <tr>
      <th scope="row">
        <a {...linkProps(`stories/${story.id}`)}>{story.headline || 'Untitled'}</a>
        {story.lock && <span className="lock"> · open by {story.lock.name}</span>}
      </th>
      <td>
        <span className={`status status-${story.status}`}>{STATUS_LABEL[story.status]}</span>
        {story.live && story.status !== 'published' && <span className="live"> · live</span>}
      </td>
      <td>{story.locale}</td>
      <td>{section ?? '—'}</td>
      <td>
        <time dateTime={story.modifiedAt} title={new Date(story.modifiedAt).toLocaleString()}>
          {changedAgo(story.modifiedAt, now)}
        </time>
      </td>
    </tr>
  );
}

/** The status tabs (WAI-ARIA tabs: arrow keys move between them). */
function StatusTabs({ current, onChange }: { current: Article['status']; onChange: (status: Article['status']) => void }) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const move = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = DESK_STATUSES[(index + step + DESK_STATUSES.length) % DESK_STATUSES.length]!;
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div role="tablist" aria-label="Stories by status" className="tabs">
      {DESK_STATUSES.map((status, index) => (
        <button
          key={status}
          id={`tab-${status}`}
          ref={(element) => {
            if (element) refs.current.set(status, element);
          }}
          type="button"
          role="tab"
          aria-selected={status === current}
          aria-controls="story-panel"
          tabIndex={status === current ? 0 : -1}
          onClick={() => onChange(status)}
          onKeyDown={(event) => move(event, index)}
        >
          {STATUS_LABEL[status]}
        </button>
      ))}
    </div>
  );
}

/** Searches as the user pauses typing (and on Enter), not on every key. */
function SearchField({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => latest.current(text), 300);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <label className="search">
      Search
      <input type="search" value={text} placeholder="Headline or standfirst" onChange={(event) => setText(event.target.value)} />
    </label>
  );
}

/** "New story": asks for a headline, creates the draft and opens it. */
function NewStory() {
  const { client } = useSignedIn();
  const dialog = useRef<HTMLDialogElement>(null);
  const create = useMutation({
    mutationFn: (headline: string) => client.post('/admin/v1/articles', { body: { headline } }),
    onSuccess: (article) => {
      dialog.current?.close();
      navigate(`stories/${article.id}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const headline = String(new FormData(event.currentTarget).get('headline')).trim();
    if (headline) create.mutate(headline);
  };
  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={() => {
          create.reset();
          dialog.current?.showModal();
        }}
      >
        New story
      </button>
      <dialog ref={dialog} aria-labelledby="new-story-title">
        <form onSubmit={submit}>
          <h2 id="new-story-title">New story</h2>
          <label htmlFor="new-headline">Headline</label>
          <input id="new-headline" name="headline" required maxLength={300} autoComplete="off" />
          {create.isError && (
            <p className="error" role="alert">
              {create.error.message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="quiet" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={create.isPending}>
              Create draft
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** The time now, ticking with the list's polling (for "5 min ago"). */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
