import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkflowOutcome } from './workflow-problems.js';

/**
 * The last refused move of a story, kept in the query cache rather than in a
 * component: the editor is remounted when the story is read again (after a
 * 412 or 409), and the user must still be told why.
 */
interface Stored {
  outcome: WorkflowOutcome;
  /** The version the refusal was about (its field problems hold for it only); null: whatever the version. */
  version: number | null;
}

const key = (articleId: string) => ['workflow-outcome', articleId] as const;

export function useWorkflowOutcome(articleId: string): {
  stored: Stored | null;
  set: (stored: Stored | null) => void;
} {
  const queryClient = useQueryClient();
  const { data } = useQuery<Stored | null>({ queryKey: key(articleId), queryFn: () => null, enabled: false, staleTime: Infinity });
  return { stored: data ?? null, set: (stored) => queryClient.setQueryData(key(articleId), stored) };
}

/** The publish precondition that failed on a field, for the editor to show next to it (this version's only). */
export function useWorkflowFieldError(article: { id: string; version: number }): (path: string) => string | undefined {
  const { stored } = useWorkflowOutcome(article.id);
  return (path) => {
    if (!stored || (stored.version !== null && stored.version !== article.version)) return undefined;
    return stored.outcome.problems.find((problem) => problem.path === path)?.message;
  };
}
