import type { LocalDraft } from './local-draft.js';
import { FIELD_LABEL, isEditable } from './fields.js';
import './editing.css';

/** Shown on opening a story with changes kept on this computer that the server does not have. */
export function RecoveryOffer({ draft, onRestore, onDiscard }: { draft: LocalDraft; onRestore: () => void; onDiscard: () => void }) {
  const fields = Object.keys(draft.fields)
    .filter(isEditable)
    .map((key) => FIELD_LABEL[key].toLowerCase());
  const when = new Date(draft.keptAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="recovery" role="region" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Unsaved changes found</h2>
      <p>
        This computer kept changes to the {fields.join(', ')} from {when} that were never saved to the server.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onRestore}>
          Restore unsaved changes
        </button>
        <button type="button" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
