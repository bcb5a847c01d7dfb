import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import type { ProtocolSection } from '@/utils/protocol';
import { ChecklistRow } from './ChecklistRow';

export function ChecklistSection({ section, progress }: { section: ProtocolSection; progress: { done: number; total: number } }) {
  const open = useSignal(true);
  const listId = `section-${section.id}`;
  return (
    <div class="cl-section">
      <h3>
        <button type="button" class="disclosure" aria-expanded={open.value} aria-controls={listId} onClick={() => (open.value = !open.value)}>
          <span>{section.title}</span>{' '}
          <span class="progress">{i18n.t('checklist.progress', [progress.done, progress.total])}</span>
        </button>
      </h3>
      <div class="progress-bar" aria-hidden="true">
        <div style={{ width: `${(progress.done / progress.total) * 100}%` }} />
      </div>
      <ul id={listId} hidden={!open.value}>
        {section.items.map((item) => (
          <ChecklistRow key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}
