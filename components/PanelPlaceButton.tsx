import { i18n } from '#i18n';
import { canOpenBeside, closeBesideAfter, openBeside } from '@/utils/side-panel';
import { useStore } from './useStore';

/**
 * Moves the panel between the call page and the browser's side panel (Firefox: the sidebar), which
 * is not captured when the therapist shares the tab. Everything shown is stored, so nothing is lost.
 */
export function PanelPlaceButton() {
  const store = useStore();
  const tabId = store.tabId.value;
  if (store.mode === 'inPage' && canOpenBeside) {
    return (
      <button
        type="button"
        class="icon"
        aria-label={i18n.t('panel.toSidePanelLabel')}
        title={i18n.t('panel.toSidePanelTitle')}
        disabled={tabId === null}
        onClick={() => {
          if (tabId === null) return;
          // Opened straight from the click, which the browser needs; the page hides its panel once the place is stored.
          openBeside(tabId).then(
            () => void store.actions.setPanelPlace('sidePanel'),
            () => (store.writeError.value = i18n.t('panel.sidePanelFailed')),
          );
        }}
      >
        <span aria-hidden="true">◨</span>
      </button>
    );
  }
  if (store.mode === 'sidePanel' && store.callTab.value?.meetingKey) {
    if (store.panelPlace.value === 'sidePanel') {
      return (
        <button type="button" class="small" onClick={() => closeBesideAfter(store.actions.setPanelPlace('inPage'))}>
          {i18n.t('panel.toCallPage')}
        </button>
      );
    }
    // Opened from the browser (Firefox's toolbar button or sidebar menu; its framed panel cannot open
    // the sidebar) while the call page still shows its panel: this moves Rapport here.
    return (
      <button type="button" class="small" onClick={() => void store.actions.setPanelPlace('sidePanel')}>
        {i18n.t('panel.hideOnCallPage')}
      </button>
    );
  }
  return null;
}
