import { useStore } from './useStore';

/** The therapist's share of all talk so far. */
export function TalkShareMeter() {
  const store = useStore();
  const share = store.talk.value?.therapistShare ?? null;
  const percent = share === null ? 0 : Math.round(share * 100);
  return (
    <div class="share">
      <span class="label" id="share-label">
        Your talk share
      </span>
      <div
        role="meter"
        aria-label="Therapist talk share"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={share === null ? 'No talk recorded yet' : `${percent}% of the talk is yours`}
        class="share-track"
      >
        <div class="share-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="share-value" aria-hidden="true">
        {share === null ? '—' : `${percent}%`}
      </span>
    </div>
  );
}
