import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FRAME_RELAY_PORT, serveFrameRelay, storageArea, type RelayToFrame } from '@/utils/frame-relay';
import { dataKeyKey } from '@/utils/lock';

type Listener = (message: unknown) => void;

/** A port as the background sees it when a page connects. */
function fakePort(url: string, tabId = 7) {
  const onMessage: Listener[] = [];
  const onDisconnect: (() => void)[] = [];
  return {
    name: FRAME_RELAY_PORT,
    sender: { id: fakeBrowser.runtime.id, url, tab: { id: tabId }, frameId: 3 },
    posted: [] as RelayToFrame[],
    disconnected: false,
    postMessage(message: RelayToFrame) {
      this.posted.push(message);
    },
    disconnect() {
      this.disconnected = true;
    },
    onMessage: { addListener: (listener: Listener) => void onMessage.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void onDisconnect.push(listener) },
    send: (message: unknown) => onMessage.forEach((listener) => listener(message)),
  };
}
type FakePort = ReturnType<typeof fakePort>;

let connect: (port: FakePort) => void;
let relay: ReturnType<typeof serveFrameRelay>;
beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((listener) => void (connect = listener as unknown as typeof connect));
  relay = serveFrameRelay();
});
afterEach(() => vi.restoreAllMocks());

const panelUrl = () => fakeBrowser.runtime.getURL('/panel.html?meeting=meet%3Aabc-defg-hij&site=meet');

describe('the frame relay (Firefox’s panel frame reads session storage through the background)', () => {
  it('sends session storage, then its changes, but never the lock’s key', async () => {
    await fakeBrowser.storage.session.set({ callTabs: { 7: { meetingKey: 'meet:abc-defg-hij' } }, [dataKeyKey]: 'c2VjcmV0' });
    const port = fakePort(panelUrl());
    connect(port);
    await vi.waitFor(() => expect(port.posted).toHaveLength(1));
    expect(port.posted[0]).toEqual({ type: 'session', values: { callTabs: { 7: { meetingKey: 'meet:abc-defg-hij' } } } });

    await fakeBrowser.storage.session.set({ [dataKeyKey]: 'b3RoZXI=' });
    await fakeBrowser.storage.session.set({ listening: { 7: { microphone: 'unavailable' } } });
    await vi.waitFor(() => expect(port.posted).toHaveLength(2));
    expect(JSON.stringify(port.posted)).not.toContain(dataKeyKey);
    expect(port.posted[1]).toMatchObject({ type: 'sessionChanged', changes: { listening: { newValue: { 7: { microphone: 'unavailable' } } } } });
  });

  it('turns away any other page, a content script included', () => {
    const content = fakePort('https://meet.google.com/abc-defg-hij');
    connect(content);
    expect(content.disconnected).toBe(true);
    const options = fakePort(fakeBrowser.runtime.getURL('/options.html'));
    connect(options);
    expect(options.disconnected).toBe(true);
  });

  it('passes only layout messages on, to the top frame of the panel’s own tab', () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const port = fakePort(panelUrl());
    connect(port);
    port.send({ type: 'toContent', message: { type: 'layout/collapsed', collapsed: true } });
    port.send({ type: 'toContent', message: { type: 'visit/start' } });
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent).toHaveBeenCalledWith(7, { type: 'layout/collapsed', collapsed: true }, { frameId: 0 });
  });

  it('passes what the background says to the panels of a tab (a command’s announcement) to that tab’s framed panel only', () => {
    const here = fakePort(panelUrl());
    connect(here);
    const elsewhere = fakePort(panelUrl(), 8);
    connect(elsewhere);
    relay.toPanels({ type: 'panel/announce', tabId: 7, text: 'Ticked: Greet them by their preferred name' });
    expect(here.posted).toContainEqual({ type: 'toPanel', message: { type: 'panel/announce', tabId: 7, text: 'Ticked: Greet them by their preferred name' } });
    expect(elsewhere.posted.filter((message) => message.type === 'toPanel')).toEqual([]);
  });

  it('answers a request for the shortcuts with the keys the browser has now', async () => {
    const bound = [{ name: 'patient-talking', description: 'Patient is talking', shortcut: 'Alt+Shift+P' }];
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation(() => Promise.resolve(bound) as never);
    const port = fakePort(panelUrl());
    connect(port);
    port.send({ type: 'commands' });
    await vi.waitFor(() => expect(port.posted).toContainEqual({ type: 'commands', commands: [{ name: 'patient-talking', description: 'Patient is talking', shortcut: 'Alt+Shift+P' }] }));
  });
});

describe('the framed panel’s side of the relay', () => {
  it('reads session storage as last heard from the background, not as it first came', async () => {
    const listeners: Listener[] = [];
    const port = {
      postMessage: () => undefined,
      onMessage: { addListener: (listener: Listener) => void listeners.push(listener) },
      onDisconnect: { addListener: () => undefined },
    };
    const hear = (message: RelayToFrame) => listeners.forEach((listener) => listener(message));
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(port as unknown as ReturnType<typeof fakeBrowser.runtime.connect>);
    // As in Firefox's framed extension page: no session storage of its own.
    const storage = fakeBrowser.storage as { session?: unknown };
    const session = storage.session;
    storage.session = undefined;
    try {
      const first = storageArea('session').get('callTabs');
      hear({ type: 'session', values: { callTabs: { 7: { phase: 'greenRoom' } } } });
      expect(await first).toEqual({ callTabs: { 7: { phase: 'greenRoom' } } });
      hear({ type: 'sessionChanged', changes: { callTabs: { newValue: { 7: { phase: 'inCall' } } } } });
      expect(await storageArea('session').get(['callTabs', 'listening'])).toEqual({ callTabs: { 7: { phase: 'inCall' } } });
    } finally {
      storage.session = session;
    }
  });
});
