import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { PatientCard } from './PatientCard';
import { PatientPicker } from './PatientPicker';
import { useStore } from './useStore';

/** Who this visit is with: pick or add a patient, then their card. */
export function PatientSection() {
  const store = useStore();
  const changing = useSignal(false);
  const patient = store.patient.value;
  return (
    <section class="card" aria-label={i18n.t('patient.sectionLabel')}>
      {patient && !changing.value ? (
        <PatientCard onChange={() => (changing.value = true)} />
      ) : (
        <PatientPicker onDone={() => (changing.value = false)} onCancel={patient ? () => (changing.value = false) : undefined} />
      )}
    </section>
  );
}
