import { render } from 'preact';
import { browser } from '#imports';
import { App } from '@/components/App';
import { createPanelStore } from '@/utils/panel-store';
import '@/components/panel.css';

// The side panel follows the active tab of its window, or the one tab it was opened for (?tabId=).
const pinnedTab = Number(new URLSearchParams(location.search).get('tabId')) || null;
const store = createPanelStore({ mode: 'sidePanel', meetingKey: null });
render(<App store={store} />, document.getElementById('app')!);
void store.load();

async function followActiveTab() {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  store.tabId.value = active?.id ?? null;
}

if (pinnedTab) store.tabId.value = pinnedTab;
else {
  void followActiveTab();
  browser.tabs.onActivated.addListener(() => void followActiveTab());
}
