import type { AdminComponents } from '#client';

export type Media = AdminComponents['schemas']['Media'];

/** The credit form's fields, as PATCH /media/:id takes them. */
export const CREDIT_FIELDS = ['caption', 'credit', 'creator', 'copyrightNotice', 'altText'] as const;
export type CreditKey = (typeof CREDIT_FIELDS)[number];
export type CreditForm = Record<CreditKey, string>;

export const CREDIT_LABEL: Record<CreditKey, string> = {
  caption: 'Caption',
  credit: 'Credit',
  creator: 'Creator',
  copyrightNotice: 'Copyright notice',
  altText: 'Alt text',
};

/** A photo the publish precondition refuses: neither a credit nor a creator, so the API gives it no credit line. */
export const isUncredited = (media: Pick<Media, 'creditLine'>): boolean => !media.creditLine.trim();

/** The form as the asset has it (what the upload read from the file, or the last save). */
export const creditFormOf = (media: Pick<Media, CreditKey>): CreditForm =>
  Object.fromEntries(CREDIT_FIELDS.map((key) => [key, media[key] ?? ''])) as CreditForm;

/** The PATCH body: the fields the form changed, trimmed; empty when nothing changed. */
export function creditChanges(media: Pick<Media, CreditKey>, form: CreditForm): Partial<CreditForm> {
  const changes: Partial<CreditForm> = {};
  for (const key of CREDIT_FIELDS) {
    const value = form[key].trim();
    if (value !== (media[key] ?? '').trim()) changes[key] = value;
  }
  return changes;
}

/** A precondition problem on the lead image that a credit would answer (the API's message names the credit). */
export const isCreditProblem = (message: string | undefined): boolean => message !== undefined && /credit/i.test(message);

/** How an asset is named in the picker and beside the field: its caption, else its file name, else its kind. */
export function mediaTitle(media: Pick<Media, 'caption' | 'originalName' | 'kind'>): string {
  const caption = media.caption.trim();
  if (caption) return caption.length > 80 ? `${caption.slice(0, 80)}…` : caption;
  return media.originalName ?? `Untitled ${media.kind}`;
}

/** The upload's progress as the bar shows it: a whole percentage, 0–100. */
export const percent = (loaded: number, total: number): number => (total > 0 ? Math.min(100, Math.max(0, Math.round((loaded / total) * 100))) : 0);
