import { i18n } from '#i18n';
import { NoteField } from './NoteField';

/** How to greet the patient and what they care about, as editable fields: in the panel's patient card and on the options page. */
export function PatientDetailsFields({ patientId }: { patientId?: string }) {
  return (
    <>
      <NoteField field="preferredName" label={i18n.t('patient.preferredName')} patientId={patientId} />
      <NoteField field="pronunciation" label={i18n.t('patient.pronunciation')} patientId={patientId} />
      <NoteField field="pronouns" label={i18n.t('patient.pronounsLabel')} patientId={patientId} />
      <NoteField field="language" label={i18n.t('patient.language')} patientId={patientId} />
      <NoteField field="greeting" label={i18n.t('patient.greetingLabel')} patientId={patientId} />
      <NoteField field="hobbies" label={i18n.t('patient.hobbies')} patientId={patientId} multiline />
    </>
  );
}
