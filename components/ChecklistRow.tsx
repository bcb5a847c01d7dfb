import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { formatClock } from '@/utils/format';
import type { ProtocolItem } from '@/utils/protocol';
import { NoteField } from './NoteField';
import { useStore } from './useStore';

/** One practice: tick it when it happens (the time in the visit is kept), and note what it gathered. */
export function ChecklistRow({ item }: { item: ProtocolItem }) {
  const store = useStore();
  const visit = store.visit.value;
  const checkedAt = visit?.checked[item.id];
  const stored = checkedAt !== undefined;
  // The box shows the therapist's click at once and keeps it until the saved visit agrees.
  const intended = useSignal<boolean | null>(null);
  useEffect(() => {
    if (intended.peek() === stored) intended.value = null;
  }, [stored]);
  const id = `item-${item.id}`;
  const offset = checkedAt !== undefined && visit?.startedAt != null ? checkedAt - visit.startedAt : null;
  return (
    <li class={stored ? 'done' : undefined}>
      <div class="item">
        <input
          id={id}
          type="checkbox"
          checked={intended.value ?? stored}
          disabled={visit?.endedAt != null}
          onChange={async (event) => {
            const checked = event.currentTarget.checked;
            intended.value = checked;
            if (!(await store.actions.tick(item.id, checked)).ok) intended.value = null;
          }}
        />
        <label for={id}>{item.text}</label>
        {offset !== null && <span class="when">at {formatClock(offset)}</span>}
      </div>
      {item.captures && store.patient.value && <NoteField field={item.captures} label={item.text} hideLabel multiline />}
    </li>
  );
}
