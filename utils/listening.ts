import type { BackgroundStore } from './background-store';
import type { BackgroundToOffscreen } from './messages';
import type { Listening } from './model';
import { readCollection } from './storage';

/**
 * The browser features automatic talk time needs, passed in so tests can stand in for them. Both
 * are missing where the browser has no offscreen documents or tab capture (Firefox).
 */
export interface CaptureApis {
  offscreen?: { open(): Promise<void>; close(): Promise<void> };
  /** A capture stream id for the tab's sound; only works once the therapist invoked Rapport on that tab. */
  tabStreamId?(tabId: number): Promise<string>;
  sendToOffscreen(message: BackgroundToOffscreen): Promise<unknown>;
}

export type ListeningStatus = Omit<Listening, 'startedAt'>;

/** Neither source can be analysed any more: the audio page has nothing left to do. */
export const nothingToHear = (status: ListeningStatus) => status.microphone !== 'on' && status.microphone !== 'starting' && status.call !== 'on' && status.call !== 'starting';

const unavailable: ListeningStatus = { microphone: 'unavailable', call: 'unavailable', playback: false };

/**
 * Listening on one call tab at a time: the background asks for the tab's sound, opens the audio
 * page (offscreen document) that analyses it with the microphone, and records in session storage
 * what each source is doing, so every panel shows whether listening is on.
 */
export function createListening(store: BackgroundStore, apis: CaptureApis, now: () => number) {
  const write = (tabId: number, state: Listening | null) =>
    store.transact(['listening'], (tx) => (state ? tx.put('listening', String(tabId), state) : tx.remove('listening', String(tabId))));

  async function listenedTabs(): Promise<number[]> {
    return Object.keys((await readCollection('listening')).entries).map(Number);
  }

  async function start(tabId: number): Promise<void> {
    for (const other of await listenedTabs()) if (other !== tabId) await stop(other);
    const { offscreen, tabStreamId } = apis;
    if (!offscreen || !tabStreamId) {
      await write(tabId, { startedAt: now(), ...unavailable });
      return;
    }
    // Without the tab's stream (refused, or not invoked on this tab) the microphone still counts.
    const streamId = await tabStreamId(tabId).catch(() => null);
    const startedAt = now();
    await write(tabId, { startedAt, microphone: 'starting', call: streamId ? 'starting' : 'unavailable', playback: false });
    try {
      await offscreen.open();
      await apis.sendToOffscreen({ type: 'offscreen/start', tabId, streamId });
    } catch {
      // The audio page did not open or answer: say so rather than "starting" for ever.
      await write(tabId, { startedAt, ...unavailable });
      await offscreen.close().catch(() => undefined);
    }
  }

  async function stop(tabId: number): Promise<void> {
    if (!(await listenedTabs()).includes(tabId)) return;
    // The audio page answers once its last timings are in, so they still reach the visit.
    await apis.sendToOffscreen({ type: 'offscreen/stop' }).catch(() => undefined);
    await write(tabId, null);
    await apis.offscreen?.close().catch(() => undefined);
  }

  /** The toolbar button or keyboard command on a call tab: start listening there, or stop. */
  async function toggle(tabId: number): Promise<void> {
    if ((await listenedTabs()).includes(tabId)) await stop(tabId);
    else await start(tabId);
  }

  /** What the audio page reports about its sources; ignored once listening on that tab stopped. */
  async function report(tabId: number, status: ListeningStatus): Promise<void> {
    const listened = await store.transact(['listening'], (tx) => {
      const current = tx.get('listening', String(tabId));
      if (current) tx.put('listening', String(tabId), { ...current, ...status });
      return !!current;
    });
    // The state stays, so the panel can say why listening ended.
    if (listened && nothingToHear(status)) await apis.offscreen?.close().catch(() => undefined);
  }

  async function isListening(tabId: number): Promise<boolean> {
    return (await listenedTabs()).includes(tabId);
  }

  return { start, stop, toggle, report, isListening };
}

export type ListeningControl = ReturnType<typeof createListening>;
