import { i18n } from '#i18n';
import { useStore } from './useStore';

/** Words to reach for: empathy, open questions, reflections. Closed by default to keep the panel calm. */
export function PhraseBank() {
  const phrases = useStore().protocols.ofVisit.value.phrases;
  if (phrases.length === 0) return null;
  return (
    <details class="card phrase-bank">
      <summary>
        <h2>{i18n.t('phrases.heading')}</h2>
      </summary>
      {phrases.map((group) => (
        <div key={group.id}>
          <h3>{group.title}</h3>
          <ul>
            {group.phrases.map((phrase) => (
              <li key={phrase}>{phrase}</li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}
