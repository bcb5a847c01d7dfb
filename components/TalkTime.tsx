import { formatClock } from '@/utils/format';
import type { Speaker } from '@/utils/model';
import { OpeningTimer } from './OpeningTimer';
import { TalkShareMeter } from './TalkShareMeter';
import { useStore } from './useStore';

const speakerButtons: { speaker: Speaker; label: string; keys: string }[] = [
  { speaker: 'patient', label: 'Patient talking', keys: 'Alt+Shift+P' },
  { speaker: 'therapist', label: 'I’m talking', keys: 'Alt+Shift+T' },
];

/** Who has the floor, tracked by hand (the same events automatic detection will send). */
export function TalkTime() {
  const store = useStore();
  const talk = store.talk.value;
  const ended = store.visit.value?.endedAt != null;
  if (!talk) return null;
  return (
    <section class="card" aria-labelledby="talk-heading">
      <h2 id="talk-heading">Talk time</h2>
      <OpeningTimer />
      <div class="row speakers">
        {speakerButtons.map(({ speaker, label, keys }) => (
          <button
            type="button"
            key={speaker}
            class={`speaker ${speaker}`}
            aria-pressed={talk.speakers.has(speaker)}
            aria-keyshortcuts={keys}
            title={`${label} (${keys}); press again when they stop`}
            disabled={ended}
            onClick={() => void store.actions.toggleSpeaker(speaker)}
          >
            {label}
          </button>
        ))}
      </div>
      <TalkShareMeter />
      <p class="quiet totals">
        Patient {formatClock(talk.patientMs)} · You {formatClock(talk.therapistMs)}
      </p>
    </section>
  );
}
