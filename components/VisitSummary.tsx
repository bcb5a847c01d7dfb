import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import { downloadText, today } from '@/utils/download';
import { formatClock } from '@/utils/format';
import { formatNote, type ListeningMetrics } from '@/utils/visit-note';
import { DraftField } from './DraftField';
import { FactList } from './FactList';
import { SelfCheck } from './SelfCheck';
import { useStore } from './useStore';

/** What call audio adds: only shown when the visit was listened to. */
function listeningFacts(listening: ListeningMetrics | null): [string, string][] {
  if (!listening) return [];
  return [
    [i18n.t('summary.interruptions'), String(listening.interruptions)],
    [i18n.t('summary.backchannels'), String(listening.backchannels)],
    [i18n.t('summary.responsePause'), listening.medianResponsePauseMs === null ? '' : i18n.t('common.seconds', [(listening.medianResponsePauseMs / 1000).toFixed(1)])],
    [i18n.t('summary.longestPatientTurn'), formatClock(listening.longestPatientTurnMs)],
    [i18n.t('summary.longestTherapistTurn'), formatClock(listening.longestTherapistTurnMs)],
    ...listening.shareBySection.map(({ title, therapistShare }): [string, string] => [i18n.t('summary.sectionShare', [title]), i18n.t('common.percent', [Math.round(therapistShare * 100)])]),
  ];
}

/** After the visit: the facts at a glance, and a plain-text note to edit, copy or save for the record. */
export function VisitSummary() {
  const store = useStore();
  const summary = store.summary.value;
  const edited = useSignal<string | null>(null);
  const status = useSignal('');
  const noteBox = useRef<HTMLTextAreaElement>(null);
  if (!summary) return null;
  const note = edited.value ?? formatNote(summary);
  const done = summary.coverage.reduce((sum, section) => sum + section.done, 0);
  const total = summary.coverage.reduce((sum, section) => sum + section.total, 0);
  const { talk } = summary;
  const facts: [string, string][] = [
    [i18n.t('summary.length'), summary.durationMs === null ? '' : formatClock(summary.durationMs)],
    [i18n.t('summary.covered'), i18n.t('summary.coveredValue', [done, total])],
    [i18n.t('summary.talkShare'), talk.therapistShare === null ? '' : i18n.t('common.percent', [Math.round(talk.therapistShare * 100)])],
    [i18n.t('summary.opening'), talk.openingMs === null ? '' : formatClock(talk.openingMs)],
    ...listeningFacts(summary.listening),
  ];

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(note);
    } catch {
      // Where the call page's policy withholds the clipboard API, the browser's copy command still works.
      noteBox.current?.select();
      if (!document.execCommand('copy')) {
        status.value = i18n.t('summary.copyFailed');
        return;
      }
    }
    status.value = i18n.t('summary.copied');
  };

  const download = () => {
    downloadText(note, `visit-note-${today(summary.startedAt ?? undefined)}.txt`, 'text/plain;charset=utf-8');
    status.value = i18n.t('summary.saved');
  };

  return (
    <section class="card summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{i18n.t('summary.heading')}</h2>
      <FactList facts={facts} />
      <DraftField id="visit-follow-up" label={i18n.t('summary.followUp')} value={store.visit.value?.followUp ?? ''} save={store.actions.setFollowUp} />
      <div class="field">
        <label for="visit-note">{i18n.t('summary.noteLabel')}</label>
        <textarea id="visit-note" ref={noteBox} rows={12} value={note} onInput={(event) => (edited.value = event.currentTarget.value)} />
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={() => void copy()}>
          {i18n.t('summary.copy')}
        </button>
        <button type="button" onClick={download}>
          {i18n.t('summary.download')}
        </button>
        {edited.value !== null && (
          <button type="button" onClick={() => (edited.value = null)}>
            {i18n.t('summary.undoEdits')}
          </button>
        )}
      </div>
      <p role="status" class="quiet">
        {status.value}
      </p>
      <SelfCheck />
      <button type="button" onClick={() => void store.actions.openVisit()}>
        {i18n.t('visit.startNew')}
      </button>
    </section>
  );
}
