import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import { sendToBackground } from '@/utils/messages';
import { retentionMonths, type RetentionSetting } from '@/utils/retention';
import { useStore } from './useStore';
import { ActionOutcome } from './ActionOutcome';

const dayFormat = new Intl.DateTimeFormat(i18n.t('format.locale'), { dateStyle: 'medium' });
const visitsWord = (count: number) => i18n.t('patient.visitCount', count);

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
      <h2 id="retention-heading">{i18n.t('retention.heading')}</h2>
      <p class="quiet">{i18n.t('retention.intro')}</p>
      <div class="field">
        <label for="retention-months">{i18n.t('retention.label')}</label>
        <select
          id="retention-months"
          ref={select}
          value={question ? String(question.months) : months === null ? 'off' : String(months)}
          onChange={(event) => void choose(event.currentTarget.value)}
        >
          <option value="off">{i18n.t('retention.off')}</option>
          {retentionMonths.map((count) => (
            <option key={count} value={String(count)}>
              {i18n.t('retention.months', [count])}
            </option>
          ))}
        </select>
      </div>
      {question && (
        <div class="card prompt" role="group" aria-labelledby="retention-question">
          <h3 id="retention-question">{i18n.t('retention.question', [question.months])}</h3>
          <p>
            {question.visits === null
              ? i18n.t('retention.counting')
              : question.visits === 0
                ? i18n.t('retention.noneOld', [question.months])
                : i18n.t('retention.removesNow', [visitsWord(question.visits)])}
          </p>
          <div class="row">
            <button type="button" class="danger" disabled={question.visits === null} onClick={() => void confirm()}>
              {question.visits ? i18n.t('retention.remove', [visitsWord(question.visits)]) : i18n.t('retention.turnOn')}
            </button>
            <button type="button" ref={cancel} onClick={() => (pending.value = null)}>
              {i18n.t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ActionOutcome problem={problem.value} />
      <p class="quiet" role="status">
        {lastRemoval
          ? i18n.t('retention.lastRemoval', [visitsWord(lastRemoval.visits), dayFormat.format(lastRemoval.at)])
          : i18n.t('retention.noRemoval')}
      </p>
    </section>
  );
}
