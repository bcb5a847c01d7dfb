import { useStore } from './useStore';

/** Which protocol this visit follows; shown only when there is more than one to choose from. */
export function ProtocolPicker() {
  const store = useStore();
  const { list, ofVisit, actions } = store.protocols;
  if (list.value.length < 2) return null;
  return (
    <div class="field protocol-picker">
      <label for="visit-protocol">Protocol for this visit</label>
      <select id="visit-protocol" value={ofVisit.value.id} onChange={(event) => void actions.useForVisit(event.currentTarget.value)}>
        {list.value.map(({ protocol, origin }) => (
          <option key={protocol.id} value={protocol.id}>
            {protocol.name}
            {origin === 'clinic' ? ' (set by your clinic)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
