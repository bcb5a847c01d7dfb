import * as v from 'valibot';

const text = v.pipe(v.string(), v.maxLength(2000));

/** A text field's new value, and the stored value the editor started from. */
export const FieldEditSchema = v.object({ value: text, base: text });
export type FieldEdit = v.InferOutput<typeof FieldEditSchema>;

/** A field left unchanged because it changed elsewhere after the editor last saw it. */
export interface FieldConflict {
  field: string;
  /** What is stored now (someone else's change). */
  stored: string;
  /** What this editor sent. */
  yours: string;
}

/**
 * Applies each edit whose field still holds the value its editor started from (or already holds
 * the new value); any other edit would overwrite a change its editor never saw, so it is left
 * out and reported as a conflict.
 */
export function applyFieldEdits<F extends string>(
  stored: Readonly<Record<F, string>>,
  edits: Partial<Record<F, FieldEdit>>,
): { merged: Record<F, string>; conflicts: FieldConflict[] } {
  const merged: Record<F, string> = { ...stored };
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(edits) as F[]) {
    const edit = edits[field];
    if (!edit) continue;
    const current = stored[field];
    if (current === edit.base || current === edit.value) merged[field] = edit.value;
    else conflicts.push({ field, stored: current, yours: edit.value });
  }
  return { merged, conflicts };
}
