import { densityChoices, themeChoices, type LookSetting } from '@/utils/look';
import { useStore } from './useStore';

const themeLabels: Record<LookSetting['theme'], string> = {
  system: 'Match the system',
  callSite: 'Match the call site',
  light: 'Light',
  dark: 'Dark',
};
const densityLabels: Record<LookSetting['density'], string> = {
  comfortable: 'Comfortable',
  compact: 'Compact',
};

/** Light or dark, and how roomy: for the panel, the side panel and this page. */
export function LookSection() {
  const store = useStore();
  const { theme, density } = store.lookSetting.value;
  const save = (change: Partial<LookSetting>) => void store.actions.setLook(change);
  return (
    <section class="card" aria-labelledby="look-heading">
      <h2 id="look-heading">Look</h2>
      <p class="quiet">“Match the call site” turns the panel dark on a dark call screen (Meet and Zoom calls are dark) and light on a light one.</p>
      <fieldset class="choices">
        <legend>Theme</legend>
        {themeChoices.map((choice) => (
          <label key={choice}>
            <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => save({ theme: choice })} /> {themeLabels[choice]}
          </label>
        ))}
      </fieldset>
      <fieldset class="choices">
        <legend>Spacing</legend>
        {densityChoices.map((choice) => (
          <label key={choice}>
            <input type="radio" name="density" value={choice} checked={density === choice} onChange={() => save({ density: choice })} />{' '}
            {densityLabels[choice]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
