import type { GoalKind } from '@/utils/model';
import { GoalReviewButtons } from './GoalReviewButtons';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const goalNames: Record<GoalKind, string> = { northStar: 'North Star', shortTermGoals: 'Short-term goals' };

/** Next-visit prep: what they came for, last time's goals to review, something personal to ask about. */
export function LastTimeCard() {
  const store = useStore();
  const previous = store.previousVisit.value;
  const notes = store.patient.value?.notes;
  if (!previous?.endedAt || !notes) return null;
  const goals = (Object.keys(goalNames) as GoalKind[]).filter((goal) => notes[goal]);
  const facts = [
    ['Their why', notes.why],
    ['Ask about', notes.askNextTime],
    [notes.language ? `Greet in ${notes.language}` : 'Greet', notes.greeting],
  ].filter(([, detail]) => detail);
  return (
    <section class="card last-time" aria-labelledby="last-time-heading">
      <h2 id="last-time-heading">Last time, {dayFormat.format(previous.endedAt)}</h2>
      {facts.length === 0 && goals.length === 0 && <p class="quiet">Nothing was noted last time.</p>}
      <dl class="facts">
        {facts.map(([term, detail]) => (
          <div class="fact" key={term}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
      {goals.length > 0 && (
        <>
          <h3>Review last goals</h3>
          <ul class="goals">
            {goals.map((goal) => (
              <li key={goal}>
                <span>
                  <span class="quiet">{goalNames[goal]}: </span>
                  {notes[goal]}
                </span>
                <GoalReviewButtons goal={goal} goalName={goalNames[goal]} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
