import { i18n } from '#i18n';
import { useStore } from './useStore';

/** The therapist's share of all talk so far. */
export function TalkShareMeter() {
  const store = useStore();
  const share = store.talk.value?.therapistShare ?? null;
  const percent = share === null ? 0 : Math.round(share * 100);
  return (
    <div class="share">
      <span class="label" id="share-label">
        {i18n.t('talk.shareLabel')}
      </span>
      <div
        role="meter"
        aria-label={i18n.t('talk.shareMeter')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={share === null ? i18n.t('talk.noTalk') : i18n.t('talk.shareSpoken', [percent])}
        class="share-track"
      >
        <div class="share-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="share-value" aria-hidden="true">
        {share === null ? i18n.t('common.noValue') : i18n.t('common.percent', [percent])}
      </span>
    </div>
  );
}
