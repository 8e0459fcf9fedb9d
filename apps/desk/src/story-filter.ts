import { ARTICLE_STATUSES, type ArticleStatus } from '../../../libs/content/src/workflow/workflow.js';

/** Whose stories the desk lists: the signed-in user's own, or the whole newsroom's. */
export type Whose = 'mine' | 'everyone';

/** What the desk list shows, kept in its URL (`/desk/?status=in_review&q=kosovo`) so a view can be reloaded and shared. */
export interface StoryFilter {
  status: ArticleStatus;
  /** A section id. */
  section?: string;
  /** A locale code, e.g. `en`. */
  locale?: string;
  /** Text searched in headlines and standfirsts. */
  q?: string;
  whose: Whose;
}

export const DEFAULT_FILTER: StoryFilter = { status: 'draft', whose: 'everyone' };

const isStatus = (value: string | null): value is ArticleStatus => ARTICLE_STATUSES.includes(value as ArticleStatus);

/** The filter a desk URL's query string names; anything unknown falls back to the default. */
export function parseFilter(search: string): StoryFilter {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const section = text('section');
  const locale = text('locale');
  const q = text('q');
  return {
    status: isStatus(status) ? status : DEFAULT_FILTER.status,
    ...(section ? { section } : {}),
    ...(locale ? { locale } : {}),
    ...(q ? { q } : {}),
    whose: params.get('whose') === 'mine' ? 'mine' : 'everyone',
  };
}

/** The query string for a filter, defaults left out (`''` for the default view). */
export function filterSearch(filter: StoryFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_FILTER.status) params.set('status', filter.status);
  if (filter.section) params.set('section', filter.section);
  if (filter.locale) params.set('locale', filter.locale);
  if (filter.q?.trim()) params.set('q', filter.q.trim());
  if (filter.whose !== DEFAULT_FILTER.whose) params.set('whose', filter.whose);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The query of GET /admin/v1/articles for a filter and the signed-in user (whose id "Mine" means). */
export interface StoryListQuery {
  status: ArticleStatus;
  section?: string;
  locale?: string;
  q?: string;
  createdBy?: string;
  limit: number;
}

export const PAGE_SIZE = 25;

export function listQuery(filter: StoryFilter, userId: string): StoryListQuery {
  const q = filter.q?.trim();
  return {
    status: filter.status,
    ...(filter.section ? { section: filter.section } : {}),
    ...(filter.locale ? { locale: filter.locale } : {}),
    ...(q ? { q } : {}),
    ...(filter.whose === 'mine' ? { createdBy: userId } : {}),
    limit: PAGE_SIZE,
  };
}
