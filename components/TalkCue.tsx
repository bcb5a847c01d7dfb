import { i18n } from '#i18n';
import { cueText } from '@/utils/cues';
import { useStore } from './useStore';

/** The one live cue, with a way to switch that cue off for good (Rapport's options bring it back). */
export function TalkCue() {
  const store = useStore();
  const cue = store.cue.value;
  return (
    <div class="cue" role="status">
      {cue && (
        <>
          <span>{cueText(cue)}</span>{' '}
          <button type="button" class="link" onClick={() => void store.actions.setCues({ [cue]: false })}>
            {i18n.t('cues.dontShow')}
          </button>
        </>
      )}
    </div>
  );
}
