import { goalHistory } from '@/utils/goals';
import type { GoalKind } from '@/utils/model';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const goals: { goal: GoalKind; title: string }[] = [
  { goal: 'northStar', title: 'North Star' },
  { goal: 'shortTermGoals', title: 'Short-term goals' },
];
const eventWords = { set: 'Set', changed: 'Changed', reviewed: 'Reviewed', met: 'Met' } as const;

/** Each goal's story across visits: when it was set, reviewed, met or changed. */
export function GoalHistory({ patientId }: { patientId: string }) {
  const store = useStore();
  const visits = Object.values(store.visitEntries.value);
  const stories = goals.map(({ goal, title }) => ({ goal, title, events: goalHistory(visits, patientId, goal) })).filter((story) => story.events.length > 0);
  if (stories.length === 0) return null;
  return (
    <div class="goal-history">
      {stories.map(({ goal, title, events }) => (
        <div key={goal}>
          <h3>{title}</h3>
          <ol>
            {events.map((event) => (
              <li key={`${event.visitId}-${event.event}`}>
                <span class="quiet">{dayFormat.format(event.at)}</span> {eventWords[event.event]}
                {event.text && `: ${event.text}`}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
