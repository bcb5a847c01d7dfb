import { i18n } from '#i18n';
import { useStore } from './useStore';

/** Which protocol this visit follows; shown only when there is more than one to choose from. */
export function ProtocolPicker() {
  const store = useStore();
  const { list, ofVisit, actions } = store.protocols;
  if (list.value.length < 2) return null;
  return (
    <div class="field protocol-picker">
      <label for="visit-protocol">{i18n.t('protocols.forThisVisit')}</label>
      <select id="visit-protocol" value={ofVisit.value.id} onChange={(event) => void actions.useForVisit(event.currentTarget.value)}>
        {list.value.map(({ protocol, origin }) => (
          <option key={protocol.id} value={protocol.id}>
            {protocol.name}
            {origin === 'clinic' ? i18n.t('protocols.setByClinic') : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
