import type { GoalKind } from '@/utils/model';
import { FactList } from './FactList';
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
  const facts: [string, string][] = [
    ['Their why', notes.why],
    ['Ask about', notes.askNextTime],
    [notes.language ? `Greet in ${notes.language}` : 'Greet', notes.greeting],
  ];
  const nothingNoted = goals.length === 0 && facts.every(([, detail]) => !detail);
  return (
    <section class="card last-time" aria-labelledby="last-time-heading">
      <h2 id="last-time-heading">Last time, {dayFormat.format(previous.endedAt)}</h2>
      {nothingNoted && <p class="quiet">Nothing was noted last time.</p>}
      <FactList facts={facts} />
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
