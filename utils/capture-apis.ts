import { browser } from '#imports';
import type { CaptureApis } from './listening';
import type { BackgroundToOffscreen } from './messages';

/** Chrome's offscreen documents and tab capture; the polyfill's types do not describe them. */
interface ChromeAudioApis {
  offscreen?: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]> };
  tabCapture?: { getMediaStreamId(options: { targetTabId: number }): Promise<string> };
}

/** The real browser's capture features, or none where they are missing (Firefox). */
export function captureApis(audioPagePath: string): CaptureApis {
  const chrome = (globalThis as { chrome?: ChromeAudioApis }).chrome;
  const { offscreen, tabCapture } = chrome ?? {};
  const sendToOffscreen = (message: BackgroundToOffscreen) => browser.runtime.sendMessage(message);
  if (!chrome || !offscreen || !tabCapture) return { sendToOffscreen };
  let opening: Promise<void> | null = null;
  const isOpen = async () => ((await chrome.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? []).length > 0;
  return {
    offscreen: {
      open: () =>
        // One document at a time: a second open while the first is under way waits for it.
        (opening ??= (async () => {
          if (await isOpen()) return;
          await offscreen.createDocument({
            url: audioPagePath.replace(/^\//, ''),
            reasons: ['USER_MEDIA'],
            justification: 'Measures who is talking on the call from the call tab’s sound and the microphone; only timings leave it.',
          });
        })().finally(() => (opening = null))),
      close: async () => {
        if (await isOpen()) await offscreen.closeDocument();
      },
    },
    tabStreamId: (tabId) => tabCapture.getMediaStreamId({ targetTabId: tabId }),
    sendToOffscreen,
  };
}
