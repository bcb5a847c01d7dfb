import { i18n } from '#i18n';
import { cueDefaults, cueText, type CueId, type CueSettings } from '@/utils/cues';
import { useStore } from './useStore';

const cues: { id: CueId; threshold?: { key: 'quickAnswerMs' | 'monologueMs'; label: string; unit: number; min: number; max: number; step: number } }[] = [
  { id: 'keepListening' },
  { id: 'pauseBeforeAnswering', threshold: { key: 'quickAnswerMs', label: i18n.t('cues.quickAnswerLabel'), unit: 1000, min: 0.1, max: 3, step: 0.1 } },
  { id: 'checkIn', threshold: { key: 'monologueMs', label: i18n.t('cues.monologueLabel'), unit: 1000, min: 15, max: 600, step: 5 } },
];

/** The live cues while listening: each one on or off, and when it shows. */
export function CueSettingsSection() {
  const store = useStore();
  const settings = store.cueSettings.value;
  const save = (change: Partial<CueSettings>) => void store.actions.setCues(change);
  return (
    <section class="card" aria-labelledby="cues-heading">
      <h2 id="cues-heading">{i18n.t('cues.heading')}</h2>
      <p class="quiet">{i18n.t('cues.intro')}</p>
      {cues.map(({ id, threshold }) => (
        <fieldset key={id}>
          <legend>{cueText(id)}</legend>
          <label>
            <input type="checkbox" checked={settings[id]} onChange={(event) => save({ [id]: event.currentTarget.checked })} /> {i18n.t('cues.show')}
          </label>
          {threshold && (
            <div class="field">
              <label for={`cue-${threshold.key}`}>{threshold.label}</label>
              <input
                id={`cue-${threshold.key}`}
                type="number"
                min={threshold.min}
                max={threshold.max}
                step={threshold.step}
                value={settings[threshold.key] / threshold.unit}
                onChange={(event) => {
                  const value = Math.round(event.currentTarget.valueAsNumber * threshold.unit);
                  const { min, max, unit } = threshold;
                  // Out of range or empty: back to what is stored, nothing saved.
                  if (!Number.isFinite(value) || value < min * unit || value > max * unit) event.currentTarget.value = String(settings[threshold.key] / unit);
                  else save({ [threshold.key]: value });
                }}
              />
            </div>
          )}
        </fieldset>
      ))}
      <button type="button" class="small" onClick={() => save(cueDefaults)}>
        {i18n.t('cues.defaults')}
      </button>
    </section>
  );
}
