import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** Next-visit prep: what they came for, the goals to review and something personal to ask about. */
export function LastTimeCard() {
  const store = useStore();
  const previous = store.previousVisit.value;
  const notes = store.patient.value?.notes;
  if (!previous?.endedAt || !notes) return null;
  const goals = [notes.northStar && `North Star: ${notes.northStar}`, notes.shortTermGoals && `Short term: ${notes.shortTermGoals}`].filter(Boolean).join(' · ');
  const facts = [
    ['Their why', notes.why],
    ['Review these goals', goals],
    ['Ask about', notes.askNextTime],
    [notes.language ? `Greet in ${notes.language}` : 'Greet', notes.greeting],
  ].filter(([, detail]) => detail);
  return (
    <section class="card last-time" aria-labelledby="last-time-heading">
      <h2 id="last-time-heading">Last time, {dayFormat.format(previous.endedAt)}</h2>
      {facts.length === 0 ? (
        <p class="quiet">Nothing was noted last time.</p>
      ) : (
        <dl class="facts">
          {facts.map(([term, detail]) => (
            <div class="fact" key={term}>
              <dt>{term}</dt>
              <dd>{detail}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
