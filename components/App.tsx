import { useEffect } from 'preact/hooks';
import type { PanelStore } from '@/utils/panel-store';
import { CollapsedPill } from './CollapsedPill';
import { Panel } from './Panel';
import { useLook } from './useLook';
import { StoreContext } from './useStore';

/** Alt+Shift+letter, matching the extension's commands, for when the panel itself has focus. */
const shortcuts: Record<string, (store: PanelStore) => void> = {
  KeyP: (store) => void store.actions.toggleSpeaker('patient'),
  KeyT: (store) => void store.actions.toggleSpeaker('therapist'),
  KeyO: (store) => void store.actions.toggleOpening(),
};

export function App({ store }: { store: PanelStore }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey ? shortcuts[event.code] : undefined;
      if (!action) return;
      event.preventDefault();
      action(store);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  useLook(store);

  const collapsed = store.mode === 'inPage' && store.sitePrefs.value.collapsed;
  return <StoreContext.Provider value={store}>{collapsed ? <CollapsedPill /> : <Panel />}</StoreContext.Provider>;
}
