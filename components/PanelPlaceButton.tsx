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
        aria-label="Move to side panel"
        title="Move to the browser’s side panel (not captured when you share this tab)"
        disabled={tabId === null}
        onClick={() => {
          if (tabId === null) return;
          // Opened straight from the click, which the browser needs; the page hides its panel once the place is stored.
          openBeside(tabId).then(
            () => void store.actions.setPanelPlace('sidePanel'),
            () => (store.writeError.value = 'The browser did not open the side panel. Open Rapport from the browser’s side panel menu instead.'),
          );
        }}
      >
        <span aria-hidden="true">◨</span>
      </button>
    );
  }
  if (store.mode === 'sidePanel' && store.panelPlace.value === 'sidePanel' && store.callTab.value?.meetingKey) {
    return (
      <button
        type="button"
        class="small"
        onClick={() => closeBesideAfter(store.actions.setPanelPlace('inPage'))}
      >
        Show on the call page
      </button>
    );
  }
  return null;
}
