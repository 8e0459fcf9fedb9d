/**
 * What a refused workflow move tells the user, worked out from the problem
 * document (pure: the panel shows it, the editor's fields show their part).
 */

/** The parts of a ProblemError this module reads. */
export interface RefusedMove {
  status: number;
  code: string;
  errors: readonly { path: string; message: string }[];
  problem: { detail?: string; embargoUntil?: string };
}

export interface FieldProblem {
  /** The field's path as the API names it: `headline`, `sectionId`, `leadMediaId`, `body[2].mediaId`… */
  path: string;
  /** What the field is called on the page: "Section", "Lead image", "Image in the body (block 3)". */
  field: string;
  message: string;
}

export interface WorkflowOutcome {
  /** A sentence for the panel's alert. */
  message: string;
  /** Each publish precondition that failed (422), in the API's order. */
  problems: FieldProblem[];
  /** The embargo's end (409 embargoed), ISO UTC. */
  embargoUntil?: string;
  /** The story changed under the Desk (409 invalid_transition, 412): read it again. */
  refresh: boolean;
}

const FIELD_NAMES: Record<string, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  slug: 'Slug',
  sectionId: 'Section',
  leadMediaId: 'Lead image',
  audioMediaId: 'Audio',
  'seo.ogImageMediaId': 'Share image',
  expireAt: 'Expiry time',
  embargoUntil: 'Embargo',
  publishAt: 'Publish time',
  comment: 'Comment',
  reason: 'Reason',
};

/** A problem path as the API sends it (`/headline` or `headline`), without the leading slash. */
export function normalPath(path: string): string {
  return path.replace(/^\//, '').replace(/\//g, '.');
}

/** How the Desk names the field a problem is about. */
export function fieldName(path: string): string {
  const normal = normalPath(path);
  const block = /^body(?:\[|\.)(\d+)\]?/.exec(normal);
  if (block) return `${/mediaId$/.test(normal) ? 'Image' : 'Block'} in the body (block ${Number(block[1]) + 1})`;
  return FIELD_NAMES[normal] ?? normal;
}

/** The refused move in words; null for an error that is not the API refusing the move (network, 5xx…). */
export function outcomeOf(error: RefusedMove, formatTime: (iso: string) => string): WorkflowOutcome {
  const problems = error.errors.map((each) => ({ path: normalPath(each.path), field: fieldName(each.path), message: each.message }));
  switch (error.code) {
    case 'publish_precondition_failed':
      return { message: 'The story cannot go out yet. Fix what is marked, save, and try again:', problems, refresh: false };
    case 'embargoed': {
      const until = error.problem.embargoUntil;
      return {
        message: until
          ? `The story is under embargo until ${formatTime(until)}. It can be scheduled for then, not published before.`
          : 'The story is under embargo.',
        problems: [],
        ...(until ? { embargoUntil: until } : {}),
        refresh: false,
      };
    }
    case 'invalid_transition':
      return {
        message: 'That move is no longer open: the story has moved on since you opened it (someone else changed its status). It has been reloaded.',
        problems: [],
        refresh: true,
      };
    case 'version_conflict':
      return {
        message: 'Someone else changed this story after you opened it, so it was not moved. It has been reloaded: check it and try again.',
        problems: [],
        refresh: true,
      };
    case 'validation_failed':
      return { message: 'The move needs more input:', problems, refresh: false };
    default:
      return { message: error.problem.detail ?? `The move was refused (${error.code}).`, problems, refresh: false };
  }
}

/** The problems shown next to fields on the page, and the rest (listed in the panel). */
export function splitProblems(problems: readonly FieldProblem[], onPage: ReadonlySet<string>): { atFields: FieldProblem[]; elsewhere: FieldProblem[] } {
  return {
    atFields: problems.filter((problem) => onPage.has(problem.path)),
    elsewhere: problems.filter((problem) => !onPage.has(problem.path)),
  };
}
