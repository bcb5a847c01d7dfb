import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import { useStore } from './useStore';

/** Deletes a patient for good, after a confirmation that names them and what goes with them. */
export function DeletePatient({ patientId, preferredName, visits, onDeleted }: { patientId: string; preferredName: string; visits: number; onDeleted(): void }) {
  const store = useStore();
  const confirming = useSignal(false);
  const deleting = useSignal(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const open = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus goes to the safe choice when the question appears, and back to its button when it goes.
  useEffect(() => {
    if (confirming.value) asked.current = true;
    if (asked.current) (confirming.value ? cancel : open).current?.focus();
  }, [confirming.value]);
  if (!confirming.value) {
    return (
      <button type="button" class="small danger" ref={open} onClick={() => (confirming.value = true)}>
        {i18n.t('patient.deleteButton')}
      </button>
    );
  }
  const confirm = async () => {
    deleting.value = true;
    const reply = await store.actions.deletePatient(patientId);
    deleting.value = false;
    if (reply.ok) onDeleted();
  };
  return (
    <div class="card prompt" role="group" aria-labelledby="delete-patient-heading">
      <h3 id="delete-patient-heading">{i18n.t('patient.deleteQuestion', [preferredName])}</h3>
      <p>{i18n.t('patient.deleteExplain', [preferredName, i18n.t('patient.visitCount', visits)])}</p>
      <div class="row">
        <button type="button" class="danger" disabled={deleting.value} onClick={() => void confirm()}>
          {i18n.t('patient.deleteConfirm', [preferredName, i18n.t('patient.visitCount', visits)])}
        </button>
        <button type="button" ref={cancel} onClick={() => (confirming.value = false)}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
