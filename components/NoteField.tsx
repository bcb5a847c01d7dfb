import type { PatientNoteField } from '@/utils/model';
import { DraftField } from './DraftField';
import { useStore } from './useStore';

/** A text field bound to one of the current patient's notes. */
export function NoteField({ field, label, multiline = false, hideLabel = false }: { field: PatientNoteField; label: string; multiline?: boolean; hideLabel?: boolean }) {
  const store = useStore();
  return (
    <DraftField
      id={`note-${field}`}
      label={label}
      value={store.patient.value?.notes[field] ?? ''}
      save={(edit) => store.actions.updateNote(field, edit)}
      multiline={multiline}
      hideLabel={hideLabel}
    />
  );
}
