import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { FactList } from './FactList';
import { PatientDetailsFields } from './PatientDetailsFields';
import { deferred } from './deferred';
import { useStore } from './useStore';

const PatientHistory = deferred(() => import('./PatientHistory').then((module) => module.PatientHistory));

/** The person first: how to greet them and what they care about, readable at a glance. */
export function PatientCard({ onChange }: { onChange: () => void }) {
  const store = useStore();
  const editing = useSignal(false);
  const showingHistory = useSignal(false);
  const notes = store.patient.value?.notes;
  if (!notes) return null;
  const facts: [string, string][] = [
    [i18n.t('patient.sayIt'), notes.pronunciation],
    [notes.language ? i18n.t('patient.greetingIn', [notes.language]) : i18n.t('patient.greeting'), notes.greeting],
    [i18n.t('patient.hobbies'), notes.hobbies],
  ];
  return (
    <div class="patient">
      <h2 class="patient-name">
        {notes.preferredName}
        {notes.pronouns && <span class="pronouns">{i18n.t('patient.pronouns', [notes.pronouns])}</span>}
      </h2>
      <FactList facts={facts} />
      <div class="row">
        <button type="button" class="small" aria-expanded={editing.value} onClick={() => (editing.value = !editing.value)}>
          {i18n.t('patient.editDetails')}
        </button>
        <button type="button" class="small" aria-expanded={showingHistory.value} onClick={() => (showingHistory.value = !showingHistory.value)}>
          {i18n.t('patient.history')}
        </button>
        <button type="button" class="small" onClick={onChange}>
          {i18n.t('patient.change')}
        </button>
      </div>
      {showingHistory.value && store.patient.value && <PatientHistory patientId={store.patient.value.id} />}
      {editing.value && (
        <div class="details-form">
          <PatientDetailsFields />
        </div>
      )}
    </div>
  );
}

