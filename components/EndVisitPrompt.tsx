import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { useStore } from './useStore';

const timeFormat = new Intl.DateTimeFormat(i18n.t('format.locale'), { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Rapport noticed the visit should end: the call page says the call ended, or the visit was left
 * open in an earlier session (the browser closed or crashed). The therapist decides.
 */
export function EndVisitPrompt() {
  const store = useStore();
  const dismissedFor = useSignal<string | null>(null);
  const visit = store.visit.value;
  if (!visit || visit.endedAt !== null || dismissedFor.value === visit.id) return null;
  const unfinishedSince = store.unfinishedSince.value;
  const callEnded = store.callTab.value?.phase === 'left';
  if (unfinishedSince === null && !callEnded) return null;
  const [title, detail, endLabel, endAt] =
    unfinishedSince !== null
      ? [i18n.t('visit.unfinishedTitle'), i18n.t('visit.unfinishedDetail', [timeFormat.format(unfinishedSince)]), i18n.t('visit.endThen'), unfinishedSince]
      : [i18n.t('visit.callEndedTitle'), i18n.t('visit.callEndedDetail'), i18n.t('visit.end'), undefined];
  return (
    <section class="card prompt" aria-labelledby="end-visit-prompt">
      <h2 id="end-visit-prompt">{title}</h2>
      <p>{detail}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void store.actions.endVisit(endAt)}>
          {endLabel}
        </button>
        <button type="button" onClick={() => (dismissedFor.value = visit.id)}>
          {unfinishedSince !== null ? i18n.t('visit.continueIt') : i18n.t('visit.notYet')}
        </button>
      </div>
    </section>
  );
}
