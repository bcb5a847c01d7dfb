import { browser, defineBackground } from '#imports';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { BackgroundToContent } from '@/utils/messages';
import { sidePanel } from '@/utils/side-panel';

export default defineBackground(() => {
  const handlers = createHandlers(createBackgroundStore(Date), {
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  });

  browser.runtime.onMessage.addListener((message, sender) => handlers.handleMessage(message, sender));

  browser.commands.onCommand.addListener(async (command, tab) => {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    if (command === 'patient-talking') await handlers.toggleSpeakerOnTab(tabId, 'patient');
    if (command === 'therapist-talking') await handlers.toggleSpeakerOnTab(tabId, 'therapist');
    if (command === 'toggle-panel') {
      const message: BackgroundToContent = { type: 'layout/togglePanel' };
      await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));

  // The toolbar button opens the side panel: the same UI, outside the shared call tab.
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
});
