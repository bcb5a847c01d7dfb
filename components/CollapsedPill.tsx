import { i18n } from '#i18n';
import { useStore } from './useStore';
import { VisitClock } from './VisitClock';

/** The collapsed panel: the visit clock and a way back. */
export function CollapsedPill() {
  const store = useStore();
  return (
    <div class="pill">
      <span class="brand" aria-hidden="true">
        R
      </span>
      <VisitClock showStart={false} />
      <button type="button" class="small" onClick={() => void store.actions.setCollapsed(false)}>
        {i18n.t('panel.expand')}
      </button>
    </div>
  );
}
