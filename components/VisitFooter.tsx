import { useSignal } from '@preact/signals';
import { useStore } from './useStore';

/** Ending takes two clicks, so a stray one cannot stop the clock. */
export function VisitFooter() {
  const store = useStore();
  const confirming = useSignal(false);
  const visit = store.visit.value;
  if (!visit || visit.endedAt !== null) return null;
  return (
    <footer class="visit-footer row">
      {confirming.value ? (
        <>
          <button type="button" class="danger" onClick={() => void store.actions.endVisit().then(() => (confirming.value = false))}>
            Yes, end visit
          </button>
          <button type="button" onClick={() => (confirming.value = false)}>
            Keep going
          </button>
        </>
      ) : (
        <button type="button" onClick={() => (confirming.value = true)}>
          End visit
        </button>
      )}
    </footer>
  );
}
