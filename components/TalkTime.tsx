import { formatClock } from '@/utils/format';
import type { Speaker } from '@/utils/model';
import { ListeningStatus } from './ListeningStatus';
import { OpeningTimer } from './OpeningTimer';
import { TalkCue } from './TalkCue';
import { TalkShareMeter } from './TalkShareMeter';
import { useStore } from './useStore';

const speakerButtons: { speaker: Speaker; label: string; keys: string }[] = [
  { speaker: 'patient', label: 'Patient talking', keys: 'Alt+Shift+P' },
  { speaker: 'therapist', label: 'I’m talking', keys: 'Alt+Shift+T' },
];

/** Who has the floor: heard from the call's audio when listening, tracked by hand otherwise (the same events). */
export function TalkTime() {
  const store = useStore();
  const talk = store.talk.value;
  const ended = store.visit.value?.endedAt != null;
  if (!talk) return null;
  return (
    <section class="card" aria-labelledby="talk-heading">
      <h2 id="talk-heading">Talk time</h2>
      <ListeningStatus />
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
      <TalkCue />
      <TalkShareMeter />
      <p class="quiet totals">
        Patient {formatClock(talk.patientMs)} · You {formatClock(talk.therapistMs)}
      </p>
    </section>
  );
}
