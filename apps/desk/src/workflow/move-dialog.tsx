import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { MoveInput, WorkflowButton } from './workflow-moves.js';
import { utcToZoned, zoneAbbreviation, zonedToUtc } from './zoned-time.js';

const TITLE: Record<Exclude<WorkflowButton['dialog'], 'none'>, string> = {
  comment: 'Request changes',
  reason: 'Unpublish the story',
  schedule: 'Schedule',
  republish: 'Publish the changes',
};

export interface MoveDialogProps {
  button: WorkflowButton;
  /** The newsroom's time zone (IANA name) the schedule is asked in. */
  timeZone: string;
  pending: boolean;
  /** The API's refusal of what was entered (a time in the past…). */
  error: string | undefined;
  onConfirm: (input: MoveInput) => void;
  onClose: () => void;
}

/**
 * The input a move needs, asked in a modal dialog (the native <dialog>
 * opened with showModal: role dialog, the rest of the page inert so focus
 * stays inside, Escape closes it), labelled by its title, confirmed with
 * **Confirm**.
 */
export function MoveDialog({ button, timeZone, pending, error, onConfirm, onClose }: MoveDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [missing, setMissing] = useState<string | null>(null);
  const kind = button.dialog === 'none' ? 'comment' : button.dialog;

  useEffect(() => {
    const element = dialog.current;
    // No close on unmount: a removed <dialog> ends its modal state by itself.
    if (element && !element.open) element.showModal();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    switch (kind) {
      case 'comment':
        if (!text('comment')) return setMissing('Say what needs to change: the comment is required.');
        return onConfirm({ comment: text('comment') });
      case 'reason':
        if (!text('reason')) return setMissing('Give a reason: it is required, and kept with the story.');
        return onConfirm({ reason: text('reason') });
      case 'schedule': {
        const publishAt = zonedToUtc(text('publishAt'), timeZone);
        if (!publishAt) return setMissing('Pick a date and a time.');
        if (Date.parse(publishAt) <= Date.now()) return setMissing('Pick a time in the future.');
        return onConfirm({ publishAt });
      }
      case 'republish':
        return onConfirm({ correction: text('correction'), significantUpdate: form.get('significantUpdate') === 'on' });
    }
  };

  const problem = missing ?? error;
  const errorId = `${id}-error`;
  const describedBy = (hint: string) => [hint, problem ? errorId : null].filter(Boolean).join(' ');

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} onClose={onClose} className="move-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{TITLE[kind]}</h2>
        {kind === 'comment' && (
          <>
            <label htmlFor={`${id}-comment`}>Comment</label>
            <textarea
              id={`${id}-comment`}
              name="comment"
              rows={4}
              required
              autoFocus
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy(`${id}-comment-hint`)}
            />
            <p className="hint" id={`${id}-comment-hint`}>
              The story goes back to draft; its author sees this comment in the editor.
            </p>
          </>
        )}
        {kind === 'reason' && (
          <>
            <label htmlFor={`${id}-reason`}>Reason</label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={3}
              required
              autoFocus
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy(`${id}-reason-hint`)}
            />
            <p className="hint" id={`${id}-reason-hint`}>
              The story leaves the site at once. The reason is kept with the story for the newsroom, not shown to readers.
            </p>
          </>
        )}
        {kind === 'schedule' && <ScheduleField id={id} timeZone={timeZone} invalid={Boolean(problem)} describedBy={describedBy(`${id}-zone`)} />}
        {kind === 'republish' && (
          <>
            <p className="hint">The live story is replaced by this version.</p>
            <label htmlFor={`${id}-correction`}>Correction (optional)</label>
            <textarea id={`${id}-correction`} name="correction" rows={3} autoFocus aria-describedby={`${id}-correction-hint`} />
            <p className="hint" id={`${id}-correction-hint`}>
              Shown to readers under the story, dated: say what was wrong, e.g. “An earlier version misnamed the region.”
            </p>
            <label className="check" htmlFor={`${id}-significant`}>
              <input type="checkbox" id={`${id}-significant`} name="significantUpdate" aria-describedby={`${id}-significant-hint`} />
              Significant update
            </label>
            <p className="hint" id={`${id}-significant-hint`}>
              Moves the story’s public “updated” time; leave it off for a typo fix.
            </p>
          </>
        )}
        {problem && (
          <p className="error" id={errorId} role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="button" className="quiet" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={pending}>
            Confirm
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The publish time, in the newsroom's zone, named next to the field. */
function ScheduleField({ id, timeZone, invalid, describedBy }: { id: string; timeZone: string; invalid: boolean; describedBy: string }) {
  // An hour from now, on the quarter hour: a sensible start the user moves.
  const [initial] = useState(() => {
    const quarter = 15 * 60_000;
    const start = new Date(Math.ceil((Date.now() + 3_600_000) / quarter) * quarter);
    return { value: utcToZoned(start, timeZone), min: utcToZoned(new Date(), timeZone), zone: zoneAbbreviation(start, timeZone) };
  });
  return (
    <>
      <label htmlFor={`${id}-at`}>Publish at</label>
      <input
        type="datetime-local"
        id={`${id}-at`}
        name="publishAt"
        defaultValue={initial.value}
        min={initial.min}
        required
        autoFocus
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
      />
      <p className="hint" id={`${id}-zone`}>
        Time zone: <strong>{timeZone}</strong> ({initial.zone}), the newsroom’s time zone as this browser is set to it.
      </p>
    </>
  );
}
