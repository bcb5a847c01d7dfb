import type { PatientNoteField } from '@/utils/model';
import { DraftField } from './DraftField';
import { useStore } from './useStore';

/** A text field bound to one of the notes of the visit's patient, or of the patient given (options page). */
export function NoteField({
  field,
  label,
  patientId,
  multiline = false,
  hideLabel = false,
}: {
  field: PatientNoteField;
  label: string;
  patientId?: string;
  multiline?: boolean;
  hideLabel?: boolean;
}) {
  const store = useStore();
  const patient = patientId ? store.patients.value[patientId] : store.patient.value;
  return (
    <DraftField
      id={`note-${field}`}
      label={label}
      value={patient?.notes[field] ?? ''}
      save={(edit) => store.actions.updateNote(field, edit, patientId)}
      multiline={multiline}
      hideLabel={hideLabel}
    />
  );
}
