import { i18n } from '#i18n';
import { formatClock, spokenDuration } from '@/utils/format';
import { useStore } from './useStore';

/** The visit clock: starts when the call is joined, or by hand. */
export function VisitClock({ showStart = true }: { showStart?: boolean }) {
  const store = useStore();
  const elapsed = store.visitElapsedMs.value;
  const canStart = showStart && elapsed === null && store.visit.value && store.visit.value.endedAt === null;
  return (
    <span class="visit-clock">
      <span role="timer" aria-label={i18n.t('visit.clockLabel')} title={elapsed === null ? i18n.t('visit.notStarted') : spokenDuration(elapsed)} class="clock">
        {elapsed === null ? i18n.t('common.noClock') : formatClock(elapsed)}
      </span>
      {canStart && (
        <button type="button" class="small" onClick={() => void store.actions.startClock()}>
          {i18n.t('visit.startClock')}
        </button>
      )}
    </span>
  );
}
