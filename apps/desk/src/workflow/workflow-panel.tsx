import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AdminComponents, ProblemError } from '#client';
import { useSignedIn } from '../session-context.js';
import { MoveDialog } from './move-dialog.js';
import { transitionBody, type MoveInput, type WorkflowButton, workflowButtons } from './workflow-moves.js';
import { useWorkflowOutcome } from './workflow-outcome.js';
import { outcomeOf, splitProblems } from './workflow-problems.js';
import { formatInZone, newsroomTimeZone } from './zoned-time.js';
import './workflow.css';

type Article = AdminComponents['schemas']['Article'];

export interface WorkflowPanelProps {
  article: Article;
  /** The editor holds unsaved changes: moves wait until they are saved. */
  unsaved: boolean;
  /** The paths of the fields the editor shows (a failed precondition on one is shown next to it, the rest here). */
  fieldsOnPage: readonly string[];
  /** The story after a move (the editor keeps it as the version read). */
  onMoved: (article: Article) => void;
}

/**
 * The story's workflow: exactly the moves the workflow module allows this
 * user on this story now, each a button named as API.md says; the moves that
 * need input ask it in a dialog. A refused move says why: each failed
 * precondition next to its field (or listed here), the embargo's end, or that
 * the story changed and was read again.
 */
export function WorkflowPanel({ article, unsaved, fieldsOnPage, onMoved }: WorkflowPanelProps) {
  const { session, client } = useSignedIn();
  const queryClient = useQueryClient();
  const timeZone = useMemo(newsroomTimeZone, []);
  const outcome = useWorkflowOutcome(article.id);
  const [asking, setAsking] = useState<WorkflowButton | null>(null);
  const buttons = workflowButtons(article, session.user);

  const move = useMutation({
    mutationFn: ({ button, input }: { button: WorkflowButton; input?: MoveInput }) =>
      client.post('/admin/v1/articles/{id}/transitions', { params: { path: { id: article.id } }, body: transitionBody(button.action, input) }),
    onMutate: () => outcome.set(null),
    onSuccess: (next) => {
      setAsking(null);
      void queryClient.invalidateQueries({ queryKey: ['article-comments', article.id] });
      onMoved(next);
    },
    onError: (error) => {
      if (!(error instanceof ProblemError)) return;
      const refused = outcomeOf(error, (iso) => formatInZone(iso, timeZone));
      // A missing or wrong dialog field (a comment, a time in the past) is said in the dialog, which stays open.
      if (asking && refused.problems.length && refused.problems.every((problem) => ['comment', 'reason', 'publishAt'].includes(problem.path))) return;
      setAsking(null);
      outcome.set({ outcome: refused, version: refused.refresh ? null : article.version });
      // The story moved or changed under the Desk: read it again (the editor shows the new version).
      if (refused.refresh) void queryClient.invalidateQueries({ queryKey: ['article', article.id] });
    },
  });

  const shown = outcome.stored && (outcome.stored.version === null || outcome.stored.version === article.version) ? outcome.stored.outcome : null;
  const { atFields, elsewhere } = splitProblems(shown?.problems ?? [], new Set(fieldsOnPage));
  const otherError = move.error && !(move.error instanceof ProblemError) ? move.error : null;
  const dialogError = asking && move.error instanceof ProblemError ? move.error.errors.map((each) => each.message).join('; ') : undefined;

  return (
    <section className="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Workflow</h2>
      <RequestedChanges article={article} />
      {buttons.length === 0 && <p className="hint">No workflow move is open to you on this story now.</p>}
      <div className="actions">
        {buttons.map((button) => (
          <button
            key={button.action}
            type="button"
            className={button.action === 'publish' ? 'primary' : undefined}
            disabled={move.isPending || unsaved}
            onClick={() => {
              move.reset();
              if (button.dialog === 'none') move.mutate({ button });
              else setAsking(button);
            }}
          >
            {button.label}
          </button>
        ))}
        {move.isPending && !asking && (
          <span className="hint" role="status">
            Moving the story…
          </span>
        )}
      </div>
      {unsaved && buttons.length > 0 && <p className="hint">Save your changes before moving the story on.</p>}
      {article.status === 'scheduled' && article.publishAt && (
        <p className="hint">
          Scheduled to go out at <time dateTime={article.publishAt}>{formatInZone(article.publishAt, timeZone)}</time>.
        </p>
      )}

      {shown && (
        <div className="error workflow-outcome" role="alert">
          <p>{shown.message}</p>
          {atFields.length > 0 && <p>Marked on the page: {atFields.map((problem) => `${problem.field} (${problem.message})`).join(', ')}.</p>}
          {elsewhere.length > 0 && (
            <ul aria-label="Publishing problems">
              {elsewhere.map((problem) => (
                <li key={`${problem.path}:${problem.message}`}>
                  <strong>{problem.field}</strong>: {problem.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {otherError && (
        <p className="error" role="alert">
          The story could not be moved: {otherError.message}
        </p>
      )}

      {asking && (
        <MoveDialog
          button={asking}
          timeZone={timeZone}
          pending={move.isPending}
          error={dialogError}
          onConfirm={(input) => move.mutate({ button: asking, input })}
          onClose={() => {
            if (!move.isPending) move.reset();
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}

/** A draft sent back by an editor shows what they asked for (the latest "request changes" comment). */
function RequestedChanges({ article }: { article: Article }) {
  const { client } = useSignedIn();
  const sentBack = article.status === 'draft' && article.live === null;
  const comments = useQuery({
    queryKey: ['article-comments', article.id, article.version],
    queryFn: () => client.get('/admin/v1/articles/{id}/comments', { params: { path: { id: article.id } } }),
    enabled: sentBack,
  });
  const request = comments.data?.data.filter((comment) => comment.kind === 'request_changes').at(-1);
  if (!sentBack || !request) return null;
  return (
    <figure className="requested-changes" aria-labelledby="requested-changes-title">
      <figcaption id="requested-changes-title">
        Changes requested by {request.authorName ?? 'an editor'}, <time dateTime={request.createdAt}>{new Date(request.createdAt).toLocaleString()}</time>
      </figcaption>
      <blockquote>{request.body}</blockquote>
    </figure>
  );
}
