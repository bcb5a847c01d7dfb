import { browser, defineBackground } from '#imports';
import { i18n } from '#i18n';
import { createBackgroundStore } from '@/utils/background-store';
import { audioPagePath, createHandlers } from '@/utils/background-handlers';
import { createAddedSites } from '@/utils/added-sites';
import { createListening } from '@/utils/listening';
import { migrateStorage } from '@/utils/migrations';
import { collections, readCollection, readEntries, SCHEMA_VERSION } from '@/utils/storage';
import { captureApis } from '@/utils/capture-apis';
import { meetingFromUrl } from '@/utils/sites';
import type { BackgroundToContent, BackgroundToPanel } from '@/utils/messages';
import { panelPlaceOf, type PanelPlace } from '@/utils/panel-place';
import { openBeside, sidePanel } from '@/utils/side-panel';
import { serveFrameRelay } from '@/utils/frame-relay';

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

  const store = createBackgroundStore(Date);
  const listening = createListening(store, captureApis(audioPagePath), () => Date.now());
  const addedSites = createAddedSites(store);
  const handlers = createHandlers(
    store,
    {
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
    },
    listening,
    addedSites,
  );
  // Stored data is brought to this version's layout before any change is accepted; if that fails,
  // nothing is written and every page says so.
  const migrated = store.holdWritesUntil(migrateStorage(browser.storage.local)).then(async (problem) => {
    await store.noteStorageHealth('migration', problem);
    return problem;
  });
  // The options page lists patients from the patient directory: build it for data stored before
  // it existed, or mend it if something other than this worker changed the patients.
  void migrated
    .then((problem) => (problem ? false : store.checkDirectory()))
    .catch((error) => console.error('[rapport] patient list check failed', error));
  // Automatic removal of old visits, when turned on (options page), applies at each start too; the
  // storage warning is checked once the stored data is in this version's layout.
  handlers.applyRetention().catch((error) => console.error('[rapport] removing old visits failed', error));
  void migrated.then(() => store.recordStorageUse());

  // Sites the therapist added are read (and checked against what the browser still allows) before
  // any message, so a call page on one is recognised even when its message is what woke this worker.
  const restoreSites = () => addedSites.restore().catch((error) => console.error('[rapport] added sites check failed', error));
  const sitesRestored = restoreSites();
  browser.permissions.onRemoved.addListener(() => void restoreSites());
  browser.runtime.onMessage.addListener((message, sender) => sitesRestored.then(() => handlers.handleMessage(message, sender)));
  // Firefox's panel frame reads session storage, reaches its call page and hears the background through here (utils/frame-relay.ts).
  const framedPanels = serveFrameRelay();
  // The passphrase lock closes after the chosen idle time (and with the browser: session storage goes).
  handlers.lock.watchIdle(browser.idle).catch((error) => console.error('[rapport] idle lock failed', error));

  // Where the panel shows, known before a command or click needs it: opening the side panel must
  // happen while the therapist's key or click still counts as their gesture.
  let knownPlace: PanelPlace | undefined;
  let panelPlace = readCollection('settings').then(({ entries }) => (knownPlace ??= panelPlaceOf(entries)), (): PanelPlace => 'inPage');
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(collections.settings.key in changes)) return;
    const { entries } = readEntries(changes[collections.settings.key]!.newValue, collections.settings.schema, SCHEMA_VERSION);
    knownPlace = panelPlaceOf(entries);
    panelPlace = Promise.resolve(knownPlace);
  });

  /** Says in the panels of a call tab what a command did (their polite live region). */
  const announce = (tabId: number, text: string) => {
    const message: BackgroundToPanel = { type: 'panel/announce', tabId, text };
    browser.runtime.sendMessage(message).catch(() => undefined);
    framedPanels.toPanels(message);
  };

  browser.commands.onCommand.addListener(async (command, tab) => {
    // Nothing is awaited before opening the side panel once the place is known.
    if (command === 'toggle-panel' && tab?.id !== undefined && (knownPlace ?? (await panelPlace)) === 'sidePanel') {
      void openBeside(tab.id).catch(() => undefined);
      return;
    }
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    if (command === 'opening-timer') await handlers.toggleOpeningOnTab(tabId);
    if (command === 'tick-next-item') {
      const ticked = await handlers.tickNextOnTab(tabId);
      if (ticked) announce(tabId, ticked === 'allTicked' ? i18n.t('checklist.allTicked') : i18n.t('checklist.ticked', [ticked.text]));
    }
    if (command === 'patient-talking') await handlers.toggleSpeakerOnTab(tabId, 'patient');
    if (command === 'therapist-talking') await handlers.toggleSpeakerOnTab(tabId, 'therapist');
    // Only a call tab is listened to (stopping works wherever listening is on).
    const onCall = async () => !!(await readCollection('callTabs')).entries[String(tabId)]?.meetingKey;
    if (command === 'listen' && ((await listening.isListening(tabId)) || (await onCall()))) await listening.toggle(tabId);
    if (command === 'toggle-panel') {
      const message: BackgroundToContent = { type: 'layout/togglePanel' };
      await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));

  // The toolbar button on a call tab starts or stops listening (the browser lets an extension
  // capture a tab's sound only after it was invoked there); on any other tab it opens the side panel.
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  // In side panel mode the button opens the side panel on every tab (listening stays on its shortcut).
  browser.action.onClicked.addListener((tab) => {
    if (tab.id === undefined) return;
    // Firefox cannot listen to a tab, and its framed panel cannot open the sidebar: the button opens it.
    if (!sidePanel) return void openBeside(tab.id).catch(() => undefined);
    const onCall = !!tab.url && !!meetingFromUrl(tab.url);
    // Opened at once, while the click still counts as the therapist's gesture.
    if (onCall && knownPlace === 'sidePanel') void openBeside(tab.id).catch(() => undefined);
    else if (onCall) void listening.toggle(tab.id);
    else void sidePanel?.open({ tabId: tab.id }).catch(() => undefined);
  });
});
