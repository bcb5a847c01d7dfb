import { i18n } from '#i18n';
import { goalHistory } from '@/utils/goals';
import type { GoalKind } from '@/utils/model';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat(i18n.t('format.locale'), { dateStyle: 'medium' });
const goals = [
  { goal: 'northStar', title: 'goals.northStar' },
  { goal: 'shortTermGoals', title: 'goals.shortTermGoals' },
] as const satisfies readonly { goal: GoalKind; title: string }[];
const eventWords = { set: 'goals.set', changed: 'goals.changed', reviewed: 'goals.reviewed', met: 'goals.met' } as const;

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
          <h3>{i18n.t(title)}</h3>
          <ol>
            {events.map((event) => (
              <li key={`${event.visitId}-${event.event}`}>
                <span class="quiet">{dayFormat.format(event.at)}</span> {i18n.t(eventWords[event.event])}
                {event.text && i18n.t('goals.eventText', [event.text])}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
