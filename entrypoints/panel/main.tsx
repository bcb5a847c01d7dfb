import { render } from 'preact';
import { App } from '@/components/App';
import { sendToBackground } from '@/utils/messages';
import { createPanelStore } from '@/utils/panel-store';
import '@/components/panel.css';

// The in-page panel: its call tab's content script names the meeting in the URL.
const store = createPanelStore({ mode: 'inPage', meetingKey: new URLSearchParams(location.search).get('meeting') });
render(<App store={store} />, document.getElementById('app')!);
void store.load();
void sendToBackground<number | null>({ type: 'panel/tabId' }).then((reply) => {
  if (reply.ok) store.tabId.value = reply.value;
});
