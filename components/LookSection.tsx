import { i18n } from '#i18n';
import { densityChoices, themeChoices, type LookSetting } from '@/utils/look';
import { useStore } from './useStore';

const themeLabels = {
  system: 'look.system',
  callSite: 'look.callSite',
  light: 'look.light',
  dark: 'look.dark',
} as const satisfies Record<LookSetting['theme'], string>;
const densityLabels = {
  comfortable: 'look.comfortable',
  compact: 'look.compact',
} as const satisfies Record<LookSetting['density'], string>;

/** Light or dark, and how roomy: for the panel, the side panel and this page. */
export function LookSection() {
  const store = useStore();
  const { theme, density } = store.lookSetting.value;
  const save = (change: Partial<LookSetting>) => void store.actions.setLook(change);
  return (
    <section class="card" aria-labelledby="look-heading">
      <h2 id="look-heading">{i18n.t('look.heading')}</h2>
      <p class="quiet">{i18n.t('look.intro')}</p>
      <fieldset class="choices">
        <legend>{i18n.t('look.theme')}</legend>
        {themeChoices.map((choice) => (
          <label key={choice}>
            <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => save({ theme: choice })} /> {i18n.t(themeLabels[choice])}
          </label>
        ))}
      </fieldset>
      <fieldset class="choices">
        <legend>{i18n.t('look.spacing')}</legend>
        {densityChoices.map((choice) => (
          <label key={choice}>
            <input type="radio" name="density" value={choice} checked={density === choice} onChange={() => save({ density: choice })} />{' '}
            {i18n.t(densityLabels[choice])}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
