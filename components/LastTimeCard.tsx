import { i18n } from '#i18n';
import type { GoalKind } from '@/utils/model';
import { FactList } from './FactList';
import { GoalReviewButtons } from './GoalReviewButtons';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat(i18n.t('format.locale'), { month: 'short', day: 'numeric' });
const goalKeys = { northStar: 'goals.northStar', shortTermGoals: 'goals.shortTermGoals' } as const satisfies Record<GoalKind, string>;
const goalName = (goal: GoalKind) => i18n.t(goalKeys[goal]);

/** Next-visit prep: what they came for, last time's goals to review, something personal to ask about. */
export function LastTimeCard() {
  const store = useStore();
  const previous = store.previousVisit.value;
  const notes = store.patient.value?.notes;
  if (!previous?.endedAt || !notes) return null;
  const goals = (Object.keys(goalKeys) as GoalKind[]).filter((goal) => notes[goal]);
  const facts: [string, string][] = [
    [i18n.t('lastTime.theirWhy'), notes.why],
    [i18n.t('lastTime.askAbout'), notes.askNextTime],
    [notes.language ? i18n.t('lastTime.greetIn', [notes.language]) : i18n.t('lastTime.greet'), notes.greeting],
  ];
  const nothingNoted = goals.length === 0 && facts.every(([, detail]) => !detail);
  return (
    <section class="card last-time" aria-labelledby="last-time-heading">
      <h2 id="last-time-heading">{i18n.t('lastTime.heading', [dayFormat.format(previous.endedAt)])}</h2>
      {nothingNoted && <p class="quiet">{i18n.t('lastTime.nothingNoted')}</p>}
      <FactList facts={facts} />
      {goals.length > 0 && (
        <>
          <h3>{i18n.t('lastTime.reviewGoals')}</h3>
          <ul class="goals">
            {goals.map((goal) => (
              <li key={goal}>
                <span>
                  <span class="quiet">{i18n.t('lastTime.goalName', [goalName(goal)])}</span>
                  {notes[goal]}
                </span>
                <GoalReviewButtons goal={goal} goalName={goalName(goal)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
