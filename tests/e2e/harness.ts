import type { FrameLocator, Page } from 'playwright-core';
import { expect as vitestExpect } from 'vitest';
import { launchChromium, type LaunchOptions, type RapportBrowser } from '../support/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

/** The extension API inside page.evaluate on an extension page (the function runs there, not here). */
declare const chrome: {
  storage: Record<
    'local' | 'session',
    {
      QUOTA_BYTES: number;
      get(keys: null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string[]): Promise<void>;
      getBytesInUse(keys: null): Promise<number>;
    }
  >;
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
};

export const MEET_URL = 'https://meet.google.com/abc-defg-hij';

/** Adds the visit's patient the way a therapist does: their preferred name, then Enter. */
export async function addPatient(panel: FrameLocator, preferredName: string): Promise<void> {
  const name = panel.getByRole('textbox', { name: 'Preferred name' });
  await name.fill(preferredName);
  await name.press('Enter');
  await panel.getByRole('heading', { name: preferredName }).waitFor();
}

/** The talk segments of the only visit stored (what talk time, by hand or heard, wrote down). */
export async function storedSegments(rapport: Rapport): Promise<{ speaker: string; source: string }[]> {
  const visit = Object.entries(await rapport.storage.get()).find(([key]) => key.startsWith('visit:'))?.[1] as { talk: { segments: { speaker: string; source: string }[] } } | undefined;
  if (!visit) throw new Error('no visit stored');
  return visit.talk.segments;
}

/** The "listen" command, as Alt+Shift+L or the toolbar button gives it on the call tab. */
export async function listen(rapport: Rapport, tabId: number): Promise<void> {
  await rapport.browser.worker!.evaluate((id) => {
    const commands = (globalThis as unknown as { chrome: { commands: { onCommand: { dispatch(name: string, tab: { id: number }): void } } } }).chrome.commands;
    commands.onCommand.dispatch('listen', { id });
  }, tabId);
}

export interface Rapport {
  server: FixtureServer;
  browser: RapportBrowser;
  extensionId: string;
  /** Opens a call page in a new tab. */
  openCall(url: string): Promise<Page>;
  /** The panel over a call tab, found as a screen reader finds it: the frame titled "Rapport". */
  panel(page: Page): FrameLocator;
  /** Extension storage, read and changed from an extension page (the service worker may be asleep). */
  storage: {
    get(area?: 'local' | 'session'): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>, area?: 'local' | 'session'): Promise<void>;
    remove(keys: string[], area?: 'local' | 'session'): Promise<void>;
    /** Fills local storage with ballast until only `leaveBytes` of its quota remain. */
    fill(leaveBytes: number): Promise<void>;
  };
  /** Between tests: closes the call pages and removes everything stored in local storage. */
  reset(): Promise<void>;
  /** Opens an extension page (e.g. the side panel) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  /** Waits until the tab's content script has reported this meeting (null: not a meeting) to the background. */
  reported(page: Page, meetingKey: string | null): Promise<void>;
  close(): Promise<void>;
}

export async function startRapport(options: Omit<LaunchOptions, 'port'> = {}): Promise<Rapport> {
  const server = await startFixtureServer();
  const browser = await launchChromium({ ...options, port: server.port });
  const extensionId = browser.extensionId!;
  let helperPage: Page | undefined;

  async function extensionHelper(): Promise<Page> {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await browser.context.newPage();
      await helperPage.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=-1`);
    }
    return helperPage;
  }

  const rapport: Rapport = {
    server,
    browser,
    extensionId,
    async openCall(url) {
      const page = await browser.context.newPage();
      await page.goto(url);
      return page;
    },
    panel: (page) => page.frameLocator('iframe[title="Rapport"]'),
    storage: {
      async get(area = 'local') {
        return (await extensionHelper()).evaluate((name) => chrome.storage[name].get(null), area);
      },
      async set(items, area = 'local') {
        await (await extensionHelper()).evaluate(([name, values]) => chrome.storage[name].set(values), [area, items] as const);
      },
      async remove(keys, area = 'local') {
        await (await extensionHelper()).evaluate(([name, names]) => chrome.storage[name].remove(names), [area, keys] as const);
      },
      async fill(leaveBytes) {
        await (await extensionHelper()).evaluate(async (leave) => {
          const local = chrome.storage.local;
          const free = local.QUOTA_BYTES - (await local.getBytesInUse(null));
          // Key and JSON quotes count too: "ballast" + 2 quote characters.
          await local.set({ ballast: 'x'.repeat(free - leave - 'ballast'.length - 2) });
        }, leaveBytes);
      },
    },
    async reset() {
      for (const page of browser.context.pages()) if (page.url().startsWith('https://')) await page.close();
      await rapport.storage.remove(Object.keys(await rapport.storage.get()));
    },
    async openExtensionPage(path) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async tabIdOf(page) {
      // Without the "tabs" permission tab URLs are hidden, but the active tab's id is not.
      const helper = await extensionHelper();
      await page.bringToFront();
      const id = await helper.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
      if (id === undefined) throw new Error(`no tab found for ${page.url()}`);
      return id;
    },
    async reported(page, meetingKey) {
      const tabId = await rapport.tabIdOf(page);
      await vitestExpect
        .poll(async () => {
          const { callTabs } = await rapport.storage.get('session');
          return (callTabs as Record<string, { meetingKey: string | null }> | undefined)?.[tabId]?.meetingKey;
        }, { timeout: 10_000, interval: 50 })
        .toBe(meetingKey);
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
  return rapport;
}
