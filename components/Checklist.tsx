import { i18n } from '#i18n';
import { ChecklistSection } from './ChecklistSection';
import { PracticeSources } from './PracticeSources';
import { ProtocolPicker } from './ProtocolPicker';
import { useStore } from './useStore';

/** The alliance practices of one visit, in the order they usually happen. */
export function Checklist() {
  const store = useStore();
  const progress = store.sectionProgress.value;
  const sections = store.protocols.sections.value;
  return (
    <section class="card" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{i18n.t('checklist.heading')}</h2>
      <ProtocolPicker />
      {!store.patient.value && <p class="quiet">{i18n.t('checklist.addPatientFirst')}</p>}
      {/* What the "tick the next item" shortcut ticked, read out politely. */}
      <p role="status" class="quiet">
        {store.announcement.value}
      </p>
      {sections.map((section, index) => (
        <ChecklistSection key={section.id} section={section} progress={progress[index]!} />
      ))}
      <PracticeSources sections={sections} />
    </section>
  );
}
