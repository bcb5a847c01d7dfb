import { i18n } from '#i18n';
import { formatClock } from '@/utils/format';
import type { Speaker } from '@/utils/model';
import { ListeningStatus } from './ListeningStatus';
import { OpeningTimer } from './OpeningTimer';
import { TalkCue } from './TalkCue';
import { TalkShareMeter } from './TalkShareMeter';
import { useStore } from './useStore';

const speakerButtons = [
  { speaker: 'patient', label: 'talk.patientTalking', keys: 'Alt+Shift+P' },
  { speaker: 'therapist', label: 'talk.therapistTalking', keys: 'Alt+Shift+T' },
] as const satisfies readonly { speaker: Speaker; label: string; keys: string }[];

/** Who has the floor: heard from the call's audio when listening, tracked by hand otherwise (the same events). */
export function TalkTime() {
  const store = useStore();
  const talk = store.talk.value;
  const ended = store.visit.value?.endedAt != null;
  if (!talk) return null;
  return (
    <section class="card" aria-labelledby="talk-heading">
      <h2 id="talk-heading">{i18n.t('talk.heading')}</h2>
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
            title={i18n.t('talk.buttonTitle', [i18n.t(label), keys])}
            disabled={ended}
            onClick={() => void store.actions.toggleSpeaker(speaker)}
          >
            {i18n.t(label)}
          </button>
        ))}
      </div>
      <TalkCue />
      <TalkShareMeter />
      <p class="quiet totals">{i18n.t('talk.totals', [formatClock(talk.patientMs), formatClock(talk.therapistMs)])}</p>
    </section>
  );
}
