import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
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
    ['Interruptions', String(listening.interruptions)],
    ['Brief acknowledgements (“mm-hm”)', String(listening.backchannels)],
    ['Typical pause before you answered', listening.medianResponsePauseMs === null ? '' : `${(listening.medianResponsePauseMs / 1000).toFixed(1)} s`],
    ['Longest patient turn', formatClock(listening.longestPatientTurnMs)],
    ['Your longest turn', formatClock(listening.longestTherapistTurnMs)],
    ...listening.shareBySection.map(({ title, therapistShare }): [string, string] => [`Your share: ${title}`, `${Math.round(therapistShare * 100)}%`]),
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
    ['Length', summary.durationMs === null ? '' : formatClock(summary.durationMs)],
    ['Practices covered', `${done} of ${total}`],
    ['Your talk share', talk.therapistShare === null ? '' : `${Math.round(talk.therapistShare * 100)}%`],
    ['Opening statement', talk.openingMs === null ? '' : formatClock(talk.openingMs)],
    ...listeningFacts(summary.listening),
  ];

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(note);
    } catch {
      // Where the call page's policy withholds the clipboard API, the browser's copy command still works.
      noteBox.current?.select();
      if (!document.execCommand('copy')) {
        status.value = 'The browser would not copy. Select the note and copy it by hand.';
        return;
      }
    }
    status.value = 'Note copied. Paste it into the record.';
  };

  const download = () => {
    downloadText(note, `visit-note-${today(summary.startedAt ?? undefined)}.txt`, 'text/plain;charset=utf-8');
    status.value = 'Note saved as a text file.';
  };

  return (
    <section class="card summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Visit summary</h2>
      <FactList facts={facts} />
      <DraftField id="visit-follow-up" label="Follow-up" value={store.visit.value?.followUp ?? ''} save={store.actions.setFollowUp} />
      <div class="field">
        <label for="visit-note">Note for the record</label>
        <textarea id="visit-note" ref={noteBox} rows={12} value={note} onInput={(event) => (edited.value = event.currentTarget.value)} />
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={() => void copy()}>
          Copy note
        </button>
        <button type="button" onClick={download}>
          Download .txt
        </button>
        {edited.value !== null && (
          <button type="button" onClick={() => (edited.value = null)}>
            Undo my edits
          </button>
        )}
      </div>
      <p role="status" class="quiet">
        {status.value}
      </p>
      <SelfCheck />
      <button type="button" onClick={() => void store.actions.openVisit()}>
        Start a new visit
      </button>
    </section>
  );
}
