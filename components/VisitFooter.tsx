import { useSignal } from '@preact/signals';
import { formatClock } from '@/utils/format';
import { useStore } from './useStore';

/** Ending takes two clicks, so a stray one cannot stop the clock. */
export function VisitFooter() {
  const store = useStore();
  const confirming = useSignal(false);
  const visit = store.visit.value;
  if (!visit) return null;
  if (visit.endedAt !== null) {
    return (
      <footer class="card visit-footer">
        <p>Visit ended{store.visitElapsedMs.value !== null ? ` after ${formatClock(store.visitElapsedMs.value)}` : ''}.</p>
        <button type="button" onClick={() => void store.actions.openVisit()}>
          Start a new visit
        </button>
      </footer>
    );
  }
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
