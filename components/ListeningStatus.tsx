import { browser } from '#imports';
import { i18n } from '#i18n';
import type { Listening } from '@/utils/model';
import { useStore } from './useStore';

/**
 * One line on what automatic talk time hears now; the buttons still work whatever it says. A
 * browser that cannot capture a tab's sound (Firefox) says so from the start, not how to listen.
 */
export function listeningSummary(listening: Listening | undefined, canListen = import.meta.env.BROWSER !== 'firefox'): string {
  if (!listening) return i18n.t(canListen ? 'listening.byHand' : 'listening.unavailable');
  const { microphone, call } = listening;
  if (microphone === 'unavailable' && call === 'unavailable') return i18n.t('listening.unavailable');
  if (microphone === 'starting' || call === 'starting') return i18n.t('listening.starting');
  const hearsYou = microphone === 'on';
  const hearsCall = call === 'on';
  if (hearsYou && hearsCall) return i18n.t('listening.both');
  const you = {
    refused: 'listening.micRefused',
    missing: 'listening.micMissing',
    ended: 'listening.micEnded',
    unavailable: 'listening.micUnavailable',
  } as const;
  const theCall = { unavailable: 'listening.callUnavailable', ended: 'listening.callEnded' } as const;
  const youWords = () => i18n.t(you[microphone as keyof typeof you]);
  const callWords = () => i18n.t(theCall[call as keyof typeof theCall]);
  if (hearsYou) return i18n.t('listening.youOnly', [callWords()]);
  if (hearsCall) return i18n.t('listening.callOnly', [youWords()]);
  return i18n.t('listening.neither', [youWords(), callWords()]);
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
          {i18n.t('listening.allowMicrophone')}
        </button>
      )}
      {live && (
        <button type="button" class="small" onClick={() => void store.actions.stopListening()}>
          {i18n.t('listening.stop')}
        </button>
      )}
    </div>
  );
}
