import { i18n } from '#i18n';
import { LockNowButton } from './LockNowButton';
import { PanelPlaceButton } from './PanelPlaceButton';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useStore } from './useStore';
import { VisitClock } from './VisitClock';

const KEY_STEP = 24;
const arrowMoves: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function PanelHeader() {
  const store = useStore();
  const inPage = store.mode === 'inPage';
  return (
    <header class="panel-header">
      {inPage && <MoveHandle />}
      <span class="brand-name">{i18n.t('extension.name')}</span>
      <VisitClock />
      <span class="header-actions">
        {store.lockSettings.value !== null && !store.locked.value && <LockNowButton />}
        <PanelPlaceButton />
        <ShortcutsHelp />
        {inPage && (
          <button type="button" class="icon" aria-label={i18n.t('panel.collapseLabel')} title={i18n.t('panel.collapse')} onClick={() => void store.actions.setCollapsed(true)}>
            <span aria-hidden="true">–</span>
          </button>
        )}
      </span>
    </header>
  );
}

/** Drag with the pointer (the call tab's script follows it), or focus it and use the arrow keys. */
function MoveHandle() {
  const store = useStore();
  return (
    <button
      type="button"
      class="icon handle"
      aria-label={i18n.t('panel.moveLabel')}
      title={i18n.t('panel.moveTitle')}
      onPointerDown={(event) => {
        if (event.button === 0) store.actions.dragFrom(event.screenX, event.screenY);
      }}
      onKeyDown={(event) => {
        const move = arrowMoves[event.key];
        if (!move) return;
        event.preventDefault();
        const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
        store.actions.moveBy(move[0] * step, move[1] * step);
      }}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
}
