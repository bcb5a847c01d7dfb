import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createListening, type CaptureApis } from '@/utils/listening';
import type { BackgroundToOffscreen } from '@/utils/messages';
import type { Listening } from '@/utils/model';
import { readCollection } from '@/utils/storage';

const T0 = 1_700_000_000_000;

let clock = T0;
/** What the fake browser features were asked to do, in order. */
let calls: string[];
let sent: BackgroundToOffscreen[];

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
  calls = [];
  sent = [];
});

async function listeningState(): Promise<Record<string, Listening>> {
  return (await readCollection('listening')).entries;
}

/** Chrome's capture features, recording every call; `tabStreamId` fails for the tabs in `refused`. */
function fakeApis(refused: number[] = []): Required<CaptureApis> {
  return {
    offscreen: {
      open: async () => void calls.push('open'),
      close: async () => void calls.push('close'),
    },
    tabStreamId: async (tabId) => {
      calls.push(`tabStreamId ${tabId}`);
      if (refused.includes(tabId)) throw new Error('Extension has not been invoked for the current page');
      return `stream-${tabId}`;
    },
    sendToOffscreen: async (message) => {
      // What is stored at the moment the audio page is told: stop must come before the state goes.
      calls.push(`send ${message.type} (listening to ${Object.keys(await listeningState()).join(',') || 'none'})`);
      sent.push(message);
      return undefined;
    },
  };
}

function listeningWith(apis: CaptureApis) {
  return createListening(createBackgroundStore({ now: () => clock }), apis, () => clock);
}

describe('createListening: start', () => {
  it('records the state, opens the audio page and tells it the tab’s stream', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'starting', call: 'starting', playback: false } });
    expect(sent).toEqual([{ type: 'offscreen/start', tabId: 7, streamId: 'stream-7' }]);
    expect(calls).toEqual(['tabStreamId 7', 'open', 'send offscreen/start (listening to 7)']);
    expect(await listening.isListening(7)).toBe(true);
    expect(await listening.isListening(9)).toBe(false);
  });

  it('says both sources are unavailable, and closes the page, when the audio page cannot be opened', async () => {
    const listening = listeningWith({
      ...fakeApis(),
      offscreen: { open: async () => Promise.reject(new Error('Only a single offscreen document may be created')), close: async () => void calls.push('close') },
    });
    await listening.start(7);
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'unavailable', call: 'unavailable', playback: false } });
    expect(calls).toEqual(['tabStreamId 7', 'close']);
  });

  it('still listens to the microphone when the tab’s sound cannot be had', async () => {
    const listening = listeningWith(fakeApis([7]));
    await listening.start(7);
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'starting', call: 'unavailable', playback: false } });
    expect(sent).toEqual([{ type: 'offscreen/start', tabId: 7, streamId: null }]);
    expect(calls).toContain('open');
  });

  it('where the browser cannot capture (no offscreen documents or tab capture) records both sources unavailable and opens nothing', async () => {
    for (const apis of [
      { sendToOffscreen: fakeApis().sendToOffscreen },
      { sendToOffscreen: fakeApis().sendToOffscreen, offscreen: fakeApis().offscreen },
      { sendToOffscreen: fakeApis().sendToOffscreen, tabStreamId: fakeApis().tabStreamId },
    ] satisfies CaptureApis[]) {
      fakeBrowser.reset();
      calls = [];
      const listening = listeningWith(apis);
      await listening.start(7);
      expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'unavailable', call: 'unavailable', playback: false } });
      expect(calls).toEqual([]);
      expect(sent).toEqual([]);
    }
  });

  it('listens to one tab at a time: starting on a second tab stops the first', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    calls = [];
    sent = [];
    clock += 60_000;
    await listening.start(9);
    expect(await listeningState()).toEqual({ '9': { startedAt: T0 + 60_000, microphone: 'starting', call: 'starting', playback: false } });
    expect(sent).toEqual([{ type: 'offscreen/stop' }, { type: 'offscreen/start', tabId: 9, streamId: 'stream-9' }]);
    expect(calls).toEqual(['send offscreen/stop (listening to 7)', 'close', 'tabStreamId 9', 'open', 'send offscreen/start (listening to 9)']);
  });
});

describe('createListening: stop and toggle', () => {
  it('stop tells the audio page to stop before forgetting the tab, then closes the page', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    calls = [];
    sent = [];
    await listening.stop(7);
    expect(calls).toEqual(['send offscreen/stop (listening to 7)', 'close']);
    expect(sent).toEqual([{ type: 'offscreen/stop' }]);
    expect(await listeningState()).toEqual({});
    expect(await listening.isListening(7)).toBe(false);
  });

  it('stop still forgets the tab and closes the page when the audio page does not answer', async () => {
    const apis = fakeApis();
    const listening = listeningWith({
      ...apis,
      sendToOffscreen: async (message) =>
        message.type === 'offscreen/stop' ? Promise.reject(new Error('Receiving end does not exist')) : apis.sendToOffscreen(message),
    });
    await listening.start(7);
    calls = [];
    await listening.stop(7);
    expect(await listeningState()).toEqual({});
    expect(calls).toEqual(['close']);
  });

  it('stop on a tab that is not listened to does nothing', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    calls = [];
    sent = [];
    await listening.stop(9);
    expect(calls).toEqual([]);
    expect(Object.keys(await listeningState())).toEqual(['7']);
  });

  it('toggle starts listening on a tab, and stops it the second time', async () => {
    const listening = listeningWith(fakeApis());
    await listening.toggle(7);
    expect(Object.keys(await listeningState())).toEqual(['7']);
    expect(sent.map((m) => m.type)).toEqual(['offscreen/start']);
    await listening.toggle(7);
    expect(await listeningState()).toEqual({});
    expect(sent.map((m) => m.type)).toEqual(['offscreen/start', 'offscreen/stop']);
    expect(calls.at(-1)).toBe('close');
  });
});

describe('createListening: report', () => {
  it('merges what the audio page says about its sources into the state', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    calls = [];
    clock += 5_000;
    await listening.report(7, { microphone: 'on', call: 'on', playback: true });
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'on', call: 'on', playback: true } });
    expect(calls).toEqual([]);
  });

  it('ignores reports for a tab that is not listened to', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    calls = [];
    await listening.report(9, { microphone: 'ended', call: 'ended', playback: false });
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'starting', call: 'starting', playback: false } });
    expect(calls).toEqual([]);
    await listening.stop(7);
    calls = [];
    await listening.report(7, { microphone: 'on', call: 'on', playback: true });
    expect(await listeningState()).toEqual({});
    expect(calls).toEqual([]);
  });

  it('closes the audio page when nothing is left to hear, and keeps the state so the panel can say why', async () => {
    const listening = listeningWith(fakeApis());
    await listening.start(7);
    await listening.report(7, { microphone: 'refused', call: 'on', playback: true });
    calls = [];
    await listening.report(7, { microphone: 'refused', call: 'ended', playback: false });
    expect(calls).toEqual(['close']);
    expect(await listeningState()).toEqual({ '7': { startedAt: T0, microphone: 'refused', call: 'ended', playback: false } });
    expect(await listening.isListening(7)).toBe(true);
  });
});
