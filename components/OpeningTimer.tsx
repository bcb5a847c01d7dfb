import { formatClock, spokenDuration } from '@/utils/format';
import { openingMarks } from '@/utils/protocol';
import { useStore } from './useStore';

const { typicalInterruptionMs, mostFinishedFromMs, mostFinishedByMs } = openingMarks;
const pct = (ms: number) => `${(Math.min(ms, mostFinishedByMs) / mostFinishedByMs) * 100}%`;

/** One short cue for where the opening statement stands (Beckman & Frankel 1984; Langewitz 2002). */
function openingCue(ms: number | null, running: boolean, keepListening: boolean): string {
  if (ms === null) return 'Start when you invite their story; it stops when you take the floor.';
  if (!running) return `Their opening statement lasted ${spokenDuration(ms)}.`;
  if (!keepListening) return '';
  if (ms < typicalInterruptionMs) return 'Keep listening: most clinicians cut in around 18 seconds.';
  if (ms < mostFinishedFromMs) return 'Keep listening: most patients finish within 90 to 150 seconds.';
  if (ms < mostFinishedByMs) return 'Most patients are finishing about now.';
  return 'A long story: a summary can help them land it.';
}

export function OpeningTimer() {
  const store = useStore();
  const talk = store.talk.value;
  if (!talk) return null;
  const ms = talk.openingMs;
  const running = talk.openingRunning;
  return (
    <div class="opening">
      <div class="row">
        <span class="label">Opening statement</span>
        <span role="timer" aria-label="Opening statement time" class="clock">
          {ms === null ? '–:––' : formatClock(ms)}
        </span>
        <button type="button" class="small" aria-keyshortcuts="Alt+Shift+O" disabled={store.visit.value?.endedAt != null} onClick={() => void store.actions.toggleOpening()}>
          {running ? 'Stop opening' : ms === null ? 'Start opening' : 'Restart opening'}
        </button>
      </div>
      <div class="opening-track" aria-hidden="true">
        <div class={`opening-fill${running ? ' running' : ''}`} style={{ width: pct(ms ?? 0) }} />
        <div class="mark interrupt" style={{ left: pct(typicalInterruptionMs) }} title="18 s: typical interruption" />
        <div class="finish-range" style={{ left: pct(mostFinishedFromMs), width: `calc(${pct(mostFinishedByMs)} - ${pct(mostFinishedFromMs)})` }} />
      </div>
      <div class="opening-scale" aria-hidden="true">
        <span style={{ left: pct(typicalInterruptionMs) }}>18 s</span>
        <span style={{ left: pct(mostFinishedFromMs) }}>90 s</span>
        <span style={{ left: '100%' }}>150 s</span>
      </div>
      <p class="cue" aria-live="polite">
        {openingCue(ms, running, store.cueSettings.value.keepListening)}
      </p>
    </div>
  );
}
