import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { useStore } from './useStore';

/** A new patient by preferred name, or one already known; the meeting link remembers the choice. */
export function PatientPicker({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const store = useStore();
  const name = useSignal('');
  const patients = store.sortedPatients.value;
  return (
    <div class="picker">
      <form
        class="row"
        onSubmit={async (event) => {
          event.preventDefault();
          const preferredName = name.value.trim();
          if (!preferredName) return;
          // On failure the name stays in the box and the panel shows why.
          if ((await store.actions.createPatient(preferredName)).ok) {
            name.value = '';
            onDone();
          }
        }}
      >
        <div class="field grow">
          <label for="new-patient-name">{i18n.t('patient.preferredName')}</label>
          <input id="new-patient-name" type="text" autoComplete="off" maxLength={200} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={!name.value.trim()}>
          {i18n.t('patient.addPatient')}
        </button>
      </form>
      {patients.length > 0 && (
        <div class="field">
          <label for="existing-patient">{i18n.t('patient.existing')}</label>
          <select
            id="existing-patient"
            value={store.patient.value?.id ?? ''}
            onChange={async (event) => {
              const id = event.currentTarget.value;
              if (!id) return;
              if ((await store.actions.assignPatient(id)).ok) onDone();
            }}
          >
            <option value="">{i18n.t('patient.choose')}</option>
            {patients.map((patient) => (
              <option key={patient.id} value={patient.id}>
                {patient.notes.preferredName}
              </option>
            ))}
          </select>
        </div>
      )}
      {onCancel && (
        <button type="button" class="small" onClick={onCancel}>
          {i18n.t('patient.keepCurrent')}
        </button>
      )}
    </div>
  );
}
