import { browser } from '#imports';
import type { Listening } from '@/utils/model';
import { useStore } from './useStore';

/** One line on what automatic talk time hears now; the buttons still work whatever it says. */
export function listeningSummary(listening: Listening | undefined): string {
  if (!listening) return 'Tracked by hand. Alt+Shift+L or Rapport’s toolbar button measures it from the call’s sound.';
  const { microphone, call } = listening;
  if (microphone === 'unavailable' && call === 'unavailable') return 'This browser cannot listen to calls: use the buttons below.';
  if (microphone === 'starting' || call === 'starting') return 'Starting to listen…';
  const hearsYou = microphone === 'on';
  const hearsCall = call === 'on';
  if (hearsYou && hearsCall) return 'Listening to you and the call: talk time runs by itself. No sound is kept.';
  const you = {
    refused: 'Rapport may not use your microphone',
    missing: 'No microphone was found',
    ended: 'Your microphone stopped',
    unavailable: 'Your microphone is unavailable',
  } as const;
  const theCall = { unavailable: 'the call’s sound is unavailable', ended: 'the call’s sound stopped' } as const;
  if (hearsYou) return `Listening to you only: ${theCall[call as keyof typeof theCall]}, so use “Patient talking” for the patient.`;
  if (hearsCall) return `Listening to the call only: ${you[microphone as keyof typeof you]}, so use “I’m talking” for yourself.`;
  return `Not listening: ${you[microphone as keyof typeof you]} and ${theCall[call as keyof typeof theCall]}. The buttons still work.`;
}

export function ListeningStatus() {
  const store = useStore();
  const listening = store.listening.value;
  const live = listening && (['on', 'starting'].includes(listening.microphone) || ['on', 'starting'].includes(listening.call));
  return (
    <div class="listening">
      <p role="status" class="quiet">
        {listeningSummary(listening)}
      </p>
      {listening?.microphone === 'refused' && (
        <button type="button" class="small" onClick={() => void browser.runtime.openOptionsPage()}>
          Allow the microphone
        </button>
      )}
      {live && (
        <button type="button" class="small" onClick={() => void store.actions.stopListening()}>
          Stop listening
        </button>
      )}
    </div>
  );
}
