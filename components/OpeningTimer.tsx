import { i18n } from '#i18n';
import { formatClock, spokenDuration } from '@/utils/format';
import { openingMarks } from '@/utils/protocol';
import { useStore } from './useStore';

const { typicalInterruptionMs, mostFinishedFromMs, mostFinishedByMs } = openingMarks;
const seconds = (ms: number) => i18n.t('common.seconds', [ms / 1000]);
const pct = (ms: number) => `${(Math.min(ms, mostFinishedByMs) / mostFinishedByMs) * 100}%`;

/** One short cue for where the opening statement stands (Beckman & Frankel 1984; Langewitz 2002). */
function openingCue(ms: number | null, running: boolean, keepListening: boolean): string {
  if (ms === null) return i18n.t('opening.notStarted');
  if (!running) return i18n.t('opening.lasted', [spokenDuration(ms)]);
  if (!keepListening) return '';
  if (ms < typicalInterruptionMs) return i18n.t('opening.keepListeningInterrupt');
  if (ms < mostFinishedFromMs) return i18n.t('opening.keepListeningFinish');
  if (ms < mostFinishedByMs) return i18n.t('opening.finishing');
  return i18n.t('opening.long');
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
        <span class="label">{i18n.t('opening.label')}</span>
        <span role="timer" aria-label={i18n.t('opening.timerLabel')} class="clock">
          {ms === null ? i18n.t('common.noClock') : formatClock(ms)}
        </span>
        <button type="button" class="small" aria-keyshortcuts="Alt+Shift+O" disabled={store.visit.value?.endedAt != null} onClick={() => void store.actions.toggleOpening()}>
          {running ? i18n.t('opening.stop') : ms === null ? i18n.t('opening.start') : i18n.t('opening.restart')}
        </button>
      </div>
      <div class="opening-track" aria-hidden="true">
        <div class={`opening-fill${running ? ' running' : ''}`} style={{ width: pct(ms ?? 0) }} />
        <div class="mark interrupt" style={{ left: pct(typicalInterruptionMs) }} title={i18n.t('opening.interruptMark', [seconds(typicalInterruptionMs)])} />
        <div class="finish-range" style={{ left: pct(mostFinishedFromMs), width: `calc(${pct(mostFinishedByMs)} - ${pct(mostFinishedFromMs)})` }} />
      </div>
      <div class="opening-scale" aria-hidden="true">
        <span style={{ left: pct(typicalInterruptionMs) }}>{seconds(typicalInterruptionMs)}</span>
        <span style={{ left: pct(mostFinishedFromMs) }}>{seconds(mostFinishedFromMs)}</span>
        <span style={{ left: '100%' }}>{seconds(mostFinishedByMs)}</span>
      </div>
      <p class="cue" aria-live="polite">
        {openingCue(ms, running, store.cueSettings.value.keepListening)}
      </p>
    </div>
  );
}
