import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
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
            {i18n.t('visit.confirmEnd')}
          </button>
          <button type="button" onClick={() => (confirming.value = false)}>
            {i18n.t('visit.keepGoing')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => (confirming.value = true)}>
          {i18n.t('visit.end')}
        </button>
      )}
    </footer>
  );
}
