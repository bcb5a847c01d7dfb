import { retentionMonths, type RetentionSetting } from '@/utils/retention';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** Automatic removal of old visits: off unless the therapist chooses how long visits are kept. */
export function RetentionSection() {
  const store = useStore();
  const { months, lastRemoval } = store.retention.value;
  const choose = (value: string) => void store.actions.setRetention(value === 'off' ? null : (Number(value) as RetentionSetting['months']));
  return (
    <section class="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Old visits</h2>
      <p class="quiet">
        Off unless you choose. When on, Rapport removes finished visits older than this, with their history, as soon as you choose and each time it
        starts. Patients and their notes stay; a visit still open is never removed.
      </p>
      <div class="field">
        <label for="retention-months">Remove visits older than</label>
        <select id="retention-months" value={months === null ? 'off' : String(months)} onChange={(event) => choose(event.currentTarget.value)}>
          <option value="off">Off: keep every visit</option>
          {retentionMonths.map((count) => (
            <option key={count} value={String(count)}>
              {count} months
            </option>
          ))}
        </select>
      </div>
      <p class="quiet" role="status">
        {lastRemoval
          ? `Last removal: ${lastRemoval.visits} visit${lastRemoval.visits === 1 ? '' : 's'} on ${dayFormat.format(lastRemoval.at)}.`
          : 'No visits have been removed automatically.'}
      </p>
    </section>
  );
}
