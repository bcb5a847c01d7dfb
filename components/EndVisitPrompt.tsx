import { useSignal } from '@preact/signals';
import { useStore } from './useStore';

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

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
      ? ['An unfinished visit', `This visit was left open on ${timeFormat.format(unfinishedSince)}; its checklist, answers and times are kept.`, 'End it then', unfinishedSince]
      : ['The call has ended', 'End the visit to see its summary and the note for the record.', 'End visit', undefined];
  return (
    <section class="card prompt" aria-labelledby="end-visit-prompt">
      <h2 id="end-visit-prompt">{title}</h2>
      <p>{detail}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void store.actions.endVisit(endAt)}>
          {endLabel}
        </button>
        <button type="button" onClick={() => (dismissedFor.value = visit.id)}>
          {unfinishedSince !== null ? 'Continue it' : 'Not yet'}
        </button>
      </div>
    </section>
  );
}
