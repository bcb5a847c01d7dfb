import { useSignal } from '@preact/signals';
import { FactList } from './FactList';
import { NoteField } from './NoteField';
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
    ['Say it', notes.pronunciation],
    [notes.language ? `Greeting in ${notes.language}` : 'Greeting', notes.greeting],
    ['Hobbies', notes.hobbies],
  ];
  return (
    <div class="patient">
      <h2 class="patient-name">
        {notes.preferredName}
        {notes.pronouns && <span class="pronouns"> ({notes.pronouns})</span>}
      </h2>
      <FactList facts={facts} />
      <div class="row">
        <button type="button" class="small" aria-expanded={editing.value} onClick={() => (editing.value = !editing.value)}>
          Edit details
        </button>
        <button type="button" class="small" aria-expanded={showingHistory.value} onClick={() => (showingHistory.value = !showingHistory.value)}>
          History
        </button>
        <button type="button" class="small" onClick={onChange}>
          Change patient
        </button>
      </div>
      {showingHistory.value && store.patient.value && <PatientHistory patientId={store.patient.value.id} />}
      {editing.value && (
        <div class="details-form">
          <NoteField field="preferredName" label="Preferred name" />
          <NoteField field="pronunciation" label="How to say their name" />
          <NoteField field="pronouns" label="Pronouns" />
          <NoteField field="language" label="Language" />
          <NoteField field="greeting" label="Greeting in their language" />
          <NoteField field="hobbies" label="Hobbies" multiline />
        </div>
      )}
    </div>
  );
}

