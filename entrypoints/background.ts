import { browser, defineBackground } from '#imports';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { BackgroundToContent } from '@/utils/messages';
import { sidePanel } from '@/utils/side-panel';

/** `chrome.storage` areas that can limit who reads them (Chrome 102+; Firefox only for session). */
type AccessLevelArea = { setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void> | void };

export default defineBackground(() => {
  // Stored patient data is for the extension's own pages and this worker only: content scripts,
  // which run inside the call page's renderer, may not read or write any storage area (session
  // already defaults to this; local does not). Chrome keeps the setting; browsers without the
  // method, or that refuse it for an area, keep their default.
  const chromeStorage = (globalThis as { chrome?: { storage?: Partial<Record<'local' | 'session', AccessLevelArea>> } }).chrome?.storage;
  for (const area of [chromeStorage?.local, chromeStorage?.session]) {
    try {
      void Promise.resolve(area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(() => undefined);
    } catch {
      // Not supported for this area here.
    }
  }

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
