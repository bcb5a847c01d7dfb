import { i18n } from '#i18n';
import { selfCheckItems, selfCheckScale } from '@/utils/protocol';
import { useStore } from './useStore';

const ratings = Array.from({ length: selfCheckScale.max - selfCheckScale.min + 1 }, (_, i) => selfCheckScale.min + i);

/** The optional look back: goals, tasks and bond, each rated 1 (not at all) to 5 (completely). */
export function SelfCheck() {
  const store = useStore();
  const answers = store.visit.value?.selfCheck ?? {};
  return (
    <details class="self-check">
      <summary>{i18n.t('selfCheck.summary')}</summary>
      <p class="quiet">{i18n.t('selfCheck.scale', [selfCheckScale.min, selfCheckScale.max])}</p>
      {selfCheckItems.map((item) => (
        // The browser marks the clicked rating at once; a saved change (from any panel) redraws the group.
        <fieldset key={`${item.id}:${answers[item.id] ?? 'none'}`}>
          <legend>{i18n.t(item.label)}</legend>
          <div class="row ratings">
            {ratings.map((rating) => (
              <label key={rating}>
                <input
                  type="radio"
                  name={`self-check-${item.id}`}
                  value={rating}
                  defaultChecked={answers[item.id] === rating}
                  onChange={() => void store.actions.rateSelfCheck(item.id, rating)}
                />
                {rating}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </details>
  );
}
