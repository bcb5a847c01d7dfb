import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { sendToBackground } from '@/utils/messages';
import { retentionMonths, type RetentionSetting } from '@/utils/retention';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const visitsWord = (count: number) => `${count} visit${count === 1 ? '' : 's'}`;

/** Automatic removal of old visits: off unless the therapist chooses how long visits are kept, and confirms what goes now. */
export function RetentionSection() {
  const store = useStore();
  const { months, lastRemoval } = store.retention.value;
  /** A period chosen and not yet confirmed, with how many visits it would remove now (null while counting). */
  const pending = useSignal<{ months: NonNullable<RetentionSetting['months']>; visits: number | null } | null>(null);
  const problem = useSignal('');
  const cancel = useRef<HTMLButtonElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const asked = useRef(false);
  // Focus goes to the safe choice when the question appears, and back to the period when it goes.
  useEffect(() => {
    if (pending.value) asked.current = true;
    if (asked.current) (pending.value ? cancel : select).current?.focus();
  }, [pending.value !== null]);

  const choose = async (value: string) => {
    problem.value = '';
    // Turning removal off removes nothing: no question.
    if (value === 'off') {
      pending.value = null;
      void store.actions.setRetention(null);
      return;
    }
    const chosen = Number(value) as NonNullable<RetentionSetting['months']>;
    pending.value = { months: chosen, visits: null };
    const reply = await sendToBackground<number>({ type: 'settings/retentionPreview', months: chosen });
    if (pending.peek()?.months !== chosen) return;
    if (reply.ok) pending.value = { months: chosen, visits: reply.value };
    else {
      pending.value = null;
      problem.value = reply.error;
    }
  };
  const confirm = async () => {
    const chosen = pending.peek();
    if (!chosen) return;
    const reply = await store.actions.setRetention(chosen.months);
    pending.value = null;
    if (!reply.ok) problem.value = reply.error;
  };

  const question = pending.value;
  return (
    <section class="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Old visits</h2>
      <p class="quiet">
        Off unless you choose. When on, Rapport removes finished visits older than this, with their history, once you confirm and each time it
        starts. Patients and their notes stay; a visit still open is never removed.
      </p>
      <div class="field">
        <label for="retention-months">Remove visits older than</label>
        <select
          id="retention-months"
          ref={select}
          value={question ? String(question.months) : months === null ? 'off' : String(months)}
          onChange={(event) => void choose(event.currentTarget.value)}
        >
          <option value="off">Off: keep every visit</option>
          {retentionMonths.map((count) => (
            <option key={count} value={String(count)}>
              {count} months
            </option>
          ))}
        </select>
      </div>
      {question && (
        <div class="card prompt" role="group" aria-labelledby="retention-question">
          <h3 id="retention-question">Remove visits older than {question.months} months?</h3>
          <p>
            {question.visits === null
              ? 'Counting the visits this removes…'
              : question.visits === 0
                ? `No visit is that old now. From now on, visits older than ${question.months} months are removed each time Rapport starts.`
                : `This removes ${visitsWord(question.visits)} now, for good, and older visits each time Rapport starts. If you may need them, export a backup first.`}
          </p>
          <div class="row">
            <button type="button" class="danger" disabled={question.visits === null} onClick={() => void confirm()}>
              {question.visits ? `Remove ${visitsWord(question.visits)}` : 'Turn on'}
            </button>
            <button type="button" ref={cancel} onClick={() => (pending.value = null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {problem.value && (
        <p role="alert" class="notice error">
          {problem.value}
        </p>
      )}
      <p class="quiet" role="status">
        {lastRemoval
          ? `Last removal: ${lastRemoval.visits} visit${lastRemoval.visits === 1 ? '' : 's'} on ${dayFormat.format(lastRemoval.at)}.`
          : 'No visits have been removed automatically.'}
      </p>
    </section>
  );
}
