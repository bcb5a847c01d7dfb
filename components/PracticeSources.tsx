import { i18n } from '#i18n';

/** The evidence behind a protocol's sections, folded away until asked for; nothing when no section names any. */
export function PracticeSources({ sections }: { sections: readonly { id: string; title: string; source?: string }[] }) {
  const sourced = sections.filter((section) => section.source);
  if (sourced.length === 0) return null;
  return (
    <details class="sources">
      <summary>{i18n.t('checklist.sourcesSummary')}</summary>
      <ul>
        {sourced.map((section) => (
          <li key={section.id}>{i18n.t('checklist.source', [section.title, section.source!])}</li>
        ))}
      </ul>
    </details>
  );
}
