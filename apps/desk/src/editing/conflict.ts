import type { AdminComponents } from '#client';
import { EDITABLE, type EditableKey, type Fields, isEditable, pick, sameValue } from './fields.js';

type FieldChange = AdminComponents['schemas']['FieldChange'];

/** One field in the conflict view: what it was, what they made it, what the user made it. */
export interface ConflictRow {
  field: EditableKey;
  /** The value in the version the user started from. */
  base: unknown;
  /** The value now on the server. */
  theirs: unknown;
  /** The value in the user's editor. */
  mine: unknown;
  changedByThem: boolean;
  changedByMe: boolean;
  /** Both changed it, to different values: re-applying puts the user's over theirs. */
  clash: boolean;
}

/** The editable fields the other person changed, from GET …/revisions/compare (from the user's base revision to the current one). */
export function theirChanges(changes: readonly FieldChange[]): Map<EditableKey, FieldChange> {
  return new Map(changes.filter((change): change is FieldChange & { field: EditableKey } => isEditable(change.field)).map((change) => [change.field, change]));
}

/**
 * The conflict view's rows, in the editor's order: every field either side
 * changed. `mineKeys` are the fields the user changed from their base.
 */
export function conflictRows(changes: readonly FieldChange[], current: Fields, edited: Fields, mineKeys: readonly EditableKey[]): ConflictRow[] {
  const theirs = theirChanges(changes);
  return EDITABLE.filter((field) => theirs.has(field) || mineKeys.includes(field)).map((field) => {
    const change = theirs.get(field);
    const changedByThem = change !== undefined;
    const changedByMe = mineKeys.includes(field);
    return {
      field,
      // A field they did not change is, on the server, still what the user started from.
      base: change ? change.from : current[field],
      theirs: current[field],
      mine: edited[field],
      changedByThem,
      changedByMe,
      clash: changedByThem && changedByMe && !sameValue(current[field], edited[field]),
    };
  });
}

/** The fields after "Re-apply my changes": the current version with the user's changed fields on top. */
export function reapplied(current: Fields, edited: Fields, mineKeys: readonly EditableKey[]): Fields {
  return { ...current, ...pick(edited, mineKeys) };
}
