import { useLayoutEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
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
  // The browser toggles the box at once on a click; it follows the saved visit whenever that
  // changes (here or in another panel), and goes back if saving the click fails.
  const box = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (box.current) box.current.checked = stored;
  }, [stored]);
  const id = `item-${item.id}`;
  const offset = checkedAt !== undefined && visit?.startedAt != null ? checkedAt - visit.startedAt : null;
  return (
    <li class={stored ? 'done' : undefined}>
      <div class="item">
        <input
          id={id}
          type="checkbox"
          ref={box}
          defaultChecked={stored}
          disabled={visit?.endedAt != null}
          onChange={async (event) => {
            const target = event.currentTarget;
            if (!(await store.actions.tick(item.id, target.checked)).ok) target.checked = stored;
          }}
        />
        <label for={id}>{item.text}</label>
        {offset !== null && <span class="when">{i18n.t('checklist.tickedAt', [formatClock(offset)])}</span>}
      </div>
      {item.captures && store.patient.value && <NoteField field={item.captures} label={item.text} hideLabel multiline />}
    </li>
  );
}
