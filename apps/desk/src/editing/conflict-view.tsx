import type { ConflictRow } from './conflict.js';
import { FIELD_LABEL } from './fields.js';
import './editing.css';

/**
 * A 412 on save, shown rather than overwritten: per field, what the other
 * person changed next to the user's own value, and the two ways on.
 */
export function ConflictView({
  rows,
  loading,
  error,
  show,
  busy,
  onReloadTheirs,
  onReapply,
}: {
  rows: ConflictRow[];
  loading: boolean;
  error: Error | null;
  /** How a field's value reads (e.g. a section's name for its id). */
  show: (row: ConflictRow, value: unknown) => string;
  busy: boolean;
  onReloadTheirs: () => void;
  onReapply: () => void;
}) {
  const clashes = rows.filter((row) => row.clash);
  return (
    <section className="conflict" role="region" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this story while you were editing</h2>
      <p>
        Nothing was overwritten and your text is still in the fields above.{' '}
        {clashes.length > 0 &&
          `You both changed the ${clashes.map((row) => FIELD_LABEL[row.field].toLowerCase()).join(' and the ')}: re-applying puts your version over theirs. `}
        Reload theirs to drop your changes, or re-apply yours on top of their version.
      </p>
      {loading && <p className="hint">Loading what they changed…</p>}
      {error && (
        <p className="error" role="alert">
          What they changed cannot be shown: {error.message}
        </p>
      )}
      {!loading && !error && (
        <table>
          <caption className="visually-hidden">Changes on each side</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Their version</th>
              <th scope="col">Your version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className={row.clash ? 'clash' : undefined}>
                <th scope="row">
                  {FIELD_LABEL[row.field]}
                  {row.clash && <span className="tag"> both changed</span>}
                </th>
                <td>
                  {row.changedByThem ? (
                    <>
                      <del>{show(row, row.base)}</del> <ins>{show(row, row.theirs)}</ins>
                    </>
                  ) : (
                    <span className="hint">not changed: {show(row, row.theirs)}</span>
                  )}
                </td>
                <td>{row.changedByMe ? <ins>{show(row, row.mine)}</ins> : <span className="hint">not changed by you: {show(row, row.mine)}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" onClick={onReloadTheirs} disabled={loading || error !== null || busy}>
          Reload theirs
        </button>
        <button type="button" className="primary" onClick={onReapply} disabled={loading || error !== null || busy}>
          Re-apply my changes
        </button>
      </div>
    </section>
  );
}
