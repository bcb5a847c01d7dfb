import { browser, type Browser } from '#imports';
import { dataKeyKey } from './lock';
import type { BackgroundToPanel, PanelToContent } from './messages';
import type { StorageArea } from './storage';

/**
 * Firefox gives an extension page framed inside a web page only what a content script gets
 * (w3c/webextensions#787): no `storage.session` and no `tabs`. The panel frame on a call page reads
 * session storage (call-tab state, listening) and reaches its call page's content script through the
 * background instead, over one port. The lock's key never goes through it: with the lock on, the
 * framed panel in Firefox stays locked (the sidebar, a full extension page, unlocks).
 */
export const FRAME_RELAY_PORT = 'frame-relay';

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type ChangeListener = (changes: Changes, area: StorageArea) => void;

/** From the background to the framed panel: session storage as it is, then each change; and what it says to the panels of its tab. */
export type RelayToFrame =
  | { type: 'session'; values: Record<string, unknown> }
  | { type: 'sessionChanged'; changes: Changes }
  | { type: 'toPanel'; message: BackgroundToPanel }
  | { type: 'commands'; commands: Command[] };
/** From the framed panel to the background: a message for its own call page's content script, or a request for the shortcuts. */
export type FrameToRelay = { type: 'toContent'; message: PanelToContent } | { type: 'commands' };

/** A browser-wide command and the keys bound to it now (commands.getAll). */
export interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

/** Session storage as the framed panel may see it: everything but the lock's key. */
function withoutKey<T>(values: Record<string, T>): Record<string, T> {
  const { [dataKeyKey]: _key, ...rest } = values;
  return rest;
}

/**
 * Background: serves the framed panels of call tabs (only Rapport's own panel page may connect).
 * Returns how to reach them with what runtime messages bring to other panels.
 */
export function serveFrameRelay(): { toPanels(message: BackgroundToPanel): void } {
  const panelUrl = browser.runtime.getURL('/panel.html');
  const framed = new Map<Browser.runtime.Port, number>();
  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    const tabId = port.sender?.tab?.id;
    if (port.name !== FRAME_RELAY_PORT || port.sender?.id !== browser.runtime.id || !port.sender.url?.startsWith(panelUrl) || tabId === undefined) {
      port.disconnect();
      return;
    }
    const onChanged = (changes: Changes, area: string) => {
      if (area !== 'session') return;
      const passed = withoutKey(changes);
      if (Object.keys(passed).length > 0) port.postMessage({ type: 'sessionChanged', changes: passed } satisfies RelayToFrame);
    };
    browser.storage.onChanged.addListener(onChanged);
    framed.set(port, tabId);
    port.onDisconnect.addListener(() => {
      browser.storage.onChanged.removeListener(onChanged);
      framed.delete(port);
    });
    port.onMessage.addListener((message: FrameToRelay) => {
      if (message?.type === 'commands') void browser.commands.getAll().then((commands) => port.postMessage({ type: 'commands', commands } satisfies RelayToFrame));
      if (message?.type === 'toContent' && typeof message.message?.type === 'string' && message.message.type.startsWith('layout/')) {
        browser.tabs.sendMessage(tabId, message.message, { frameId: 0 }).catch(() => undefined);
      }
    });
    void browser.storage.session.get(null).then((values) => port.postMessage({ type: 'session', values: withoutKey(values) } satisfies RelayToFrame));
  });
  return {
    toPanels(message) {
      for (const [port, tabId] of framed) if (tabId === message.tabId) port.postMessage({ type: 'toPanel', message } satisfies RelayToFrame);
    },
  };
}

/** In a page: whether this page must go through the background (Firefox's framed panel). */
export const framedWithoutSession = () => !browser.storage.session;

type PanelListener = (message: BackgroundToPanel) => void;
interface Relay {
  port: Browser.runtime.Port;
  /** Settles once the first snapshot has come; `current()` is then session storage as last heard. */
  synced: Promise<void>;
  current(): Record<string, unknown>;
  listeners: Set<ChangeListener>;
  panelListeners: Set<PanelListener>;
  commandReplies: ((commands: Command[]) => void)[];
}

/** What differs between two snapshots of session storage, as storage change events say it. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { oldValue: before[key], newValue: after[key] };
  }
  return changes;
}

let relay: Relay | undefined;
function connectRelay(): Relay {
  if (relay) return relay;
  let current: Record<string, unknown> = {};
  let synced = false;
  let firstSync: () => void;
  const listeners = new Set<ChangeListener>();
  const notify = (changes: Changes) => {
    if (Object.keys(changes).length > 0) for (const listener of listeners) listener(changes, 'session');
  };
  const opened: Relay = {
    port: undefined as unknown as Browser.runtime.Port,
    synced: new Promise<void>((resolve) => (firstSync = resolve)),
    current: () => current,
    listeners,
    panelListeners: new Set(),
    commandReplies: [],
  };
  function open() {
    const port = browser.runtime.connect({ name: FRAME_RELAY_PORT });
    let accepted = false;
    port.onMessage.addListener((message: RelayToFrame) => {
      if (message.type === 'toPanel') return void opened.panelListeners.forEach((listener) => listener(message.message));
      if (message.type === 'commands') return void opened.commandReplies.shift()?.(message.commands);
      if (message.type === 'session') {
        // The first snapshot, or the one from a restarted background: what changed in between is passed on.
        const changes = synced ? changesBetween(current, message.values) : {};
        // Requests the stopped background never answered are asked again.
        if (!accepted && synced) opened.commandReplies.forEach(() => port.postMessage({ type: 'commands' } satisfies FrameToRelay));
        accepted = true;
        synced = true;
        current = message.values;
        firstSync();
        return notify(changes);
      }
      current = { ...current };
      for (const [key, change] of Object.entries(message.changes)) {
        if (change.newValue === undefined) delete current[key];
        else current[key] = change.newValue;
      }
      notify(message.changes);
    });
    // Firefox stops an idle background (an event page), which closes the port: connecting again
    // starts it. A port refused before it was served is not tried again.
    port.onDisconnect.addListener(() => accepted && open());
    opened.port = port;
  }
  open();
  relay = opened;
  return relay;
}

/** Reads a storage area: directly, or session storage through the background where the page may not. */
export function storageArea(area: StorageArea): { get(keys: string | string[]): Promise<Record<string, unknown>> } {
  if (area === 'local' || !framedWithoutSession()) return browser.storage[area];
  return {
    async get(keys) {
      const opened = connectRelay();
      await opened.synced;
      const values = opened.current();
      return Object.fromEntries([keys].flat().filter((key) => key in values).map((key) => [key, values[key]]));
    },
  };
}

/** Storage changes, with session storage's through the background where the page may not read it. */
export function onStorageChanged(listener: ChangeListener): void {
  browser.storage.onChanged.addListener((changes, area) => listener(changes, area as StorageArea));
  if (framedWithoutSession()) connectRelay().listeners.add(listener);
}

/** What the background says to the panels: runtime messages from it, or through it where they do not reach this page. */
export function onBackgroundMessage(listener: PanelListener): void {
  browser.runtime.onMessage.addListener((message: BackgroundToPanel, sender) => {
    if (sender.id === browser.runtime.id) listener(message);
  });
  if (framedWithoutSession()) connectRelay().panelListeners.add(listener);
}

/** The browser-wide commands and their keys: from the browser, or through the background where this page may not ask. */
export function commandBindings(): Promise<Command[]> {
  if (browser.commands) return browser.commands.getAll();
  const { port, commandReplies } = connectRelay();
  return new Promise((resolve) => {
    commandReplies.push(resolve);
    port.postMessage({ type: 'commands' } satisfies FrameToRelay);
  });
}

/** Sends a message to the call page's content script in this tab: directly, or through the background. */
export function sendToCallPage(tabId: number, message: PanelToContent): void {
  if (browser.tabs) browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined);
  else connectRelay().port.postMessage({ type: 'toContent', message } satisfies FrameToRelay);
}
