import { i18n } from '#i18n';
import { answerFieldLabel, answerFields } from '@/utils/protocols';
import { NoteField } from './NoteField';
import { PatientDetailsFields } from './PatientDetailsFields';
import { useStore } from './useStore';

/** Every note of one patient, editable on the options page with the panel's fields (a change elsewhere meanwhile is shown, not overwritten). */
export function PatientNotesEditor({ patientId }: { patientId: string }) {
  const store = useStore();
  // The patients' notes are read after the page's first paint; a patient still missing once they are read is gone.
  if (!store.patients.value[patientId]) return store.indexLoaded.value ? null : <p class="quiet">{i18n.t('common.loading')}</p>;
  return (
    <div class="details-form">
      <PatientDetailsFields patientId={patientId} />
      {answerFields.map((field) => (
        <NoteField key={field} field={field} label={answerFieldLabel(field)} patientId={patientId} multiline />
      ))}
    </div>
  );
}
