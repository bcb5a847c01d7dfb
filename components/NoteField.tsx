import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PatientNoteField } from '@/utils/model';
import { useStore } from './useStore';

const SAVE_AFTER_MS = 300;

/**
 * A text field bound to one of the current patient's notes. While the therapist types, their
 * draft wins over stored updates; it is saved shortly after they pause and when they leave the
 * field, and stays on screen if saving fails.
 */
export function NoteField({ field, label, multiline = false, hideLabel = false }: { field: PatientNoteField; label: string; multiline?: boolean; hideLabel?: boolean }) {
  const store = useStore();
  const draft = useSignal<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stored = store.patient.value?.notes[field] ?? '';
  const id = `note-${field}`;

  const save = async () => {
    clearTimeout(timer.current);
    const value = draft.peek();
    if (value === null) return;
    await store.actions.updateNotes({ [field]: value });
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const props = {
    id,
    value: draft.value ?? stored,
    'aria-label': hideLabel ? label : undefined,
    maxLength: 2000,
    onInput: (event: Event) => {
      draft.value = (event.currentTarget as HTMLInputElement).value;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    },
    onBlur: async () => {
      await save();
      if (store.writeError.peek() === null) draft.value = null;
    },
  };
  return (
    <div class="field">
      {!hideLabel && <label for={id}>{label}</label>}
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
    </div>
  );
}
