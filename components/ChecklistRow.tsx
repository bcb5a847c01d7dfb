import { formatClock } from '@/utils/format';
import type { ProtocolItem } from '@/utils/protocol';
import { NoteField } from './NoteField';
import { useStore } from './useStore';

/** One practice: tick it when it happens (the time in the visit is kept), and note what it gathered. */
export function ChecklistRow({ item }: { item: ProtocolItem }) {
  const store = useStore();
  const visit = store.visit.value;
  const checkedAt = visit?.checked[item.id];
  const id = `item-${item.id}`;
  const offset = checkedAt !== undefined && visit?.startedAt != null ? checkedAt - visit.startedAt : null;
  return (
    <li class={checkedAt !== undefined ? 'done' : undefined}>
      <div class="item">
        <input id={id} type="checkbox" checked={checkedAt !== undefined} disabled={visit?.endedAt != null} onChange={(e) => void store.actions.tick(item.id, e.currentTarget.checked)} />
        <label for={id}>{item.text}</label>
        {offset !== null && <span class="when">at {formatClock(offset)}</span>}
      </div>
      {item.captures && store.patient.value && <NoteField field={item.captures} label={item.text} hideLabel multiline />}
    </li>
  );
}
