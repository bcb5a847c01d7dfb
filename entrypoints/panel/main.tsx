import { render } from 'preact';
import { i18n } from '#i18n';
import { App } from '@/components/App';
import { framedByCallSite } from '@/utils/frame-check';
import { sendToBackground } from '@/utils/messages';
import { readPanelAddress } from '@/utils/panel-address';
import { createPanelStore } from '@/utils/panel-store';
import '@/components/panel.css';

// The in-page panel: its call tab's content script names the meeting, and the layout it applied, in
// the URL (utils/panel-address.ts). It shows nothing inside a page that is not a call site Rapport runs on.
if (await framedByCallSite([...(location.ancestorOrigins ?? [])])) {
  const { meetingKey, applied } = readPanelAddress(location.search);
  const store = createPanelStore({ mode: 'inPage', meetingKey, applied });
  render(<App store={store} />, document.getElementById('app')!);
  void store.load();
  void sendToBackground<number | null>({ type: 'panel/tabId' }).then((reply) => {
    if (reply.ok) store.tabId.value = reply.value;
  });
} else {
  document.getElementById('app')!.textContent = i18n.t('panel.notOnCallSite');
}
