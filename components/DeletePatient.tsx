import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from './useStore';

const visitsWord = (count: number) => `${count} visit${count === 1 ? '' : 's'}`;

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
        Delete this patient…
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
      <h3 id="delete-patient-heading">Delete {preferredName} for good?</h3>
      <p>
        This removes {preferredName}’s notes and {visitsWord(visits)} from this browser, and forgets them on their meeting links. It cannot be
        undone. If you may need them later, use “Export this patient” first.
      </p>
      <div class="row">
        <button type="button" class="danger" disabled={deleting.value} onClick={() => void confirm()}>
          Delete {preferredName} and {visitsWord(visits)} for good
        </button>
        <button type="button" ref={cancel} onClick={() => (confirming.value = false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
