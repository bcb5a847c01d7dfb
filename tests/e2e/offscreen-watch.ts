import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Targets Playwright shows (and watches) itself; everything else, such as the offscreen document, is watched here. */
const shownByPlaywright = ['browser', 'tab', 'browser_ui', 'page', 'iframe', 'service_worker', 'shared_worker', 'worker'];

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Message {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  error?: { message: string };
}

export interface OffscreenWatch {
  /** The targets attached to ("type URL"), so a test can prove it watched the offscreen document. */
  attached(): string[];
  close(): void;
}

/**
 * Playwright neither shows nor watches offscreen documents (Rapport's audio page), and its own
 * DevTools connection drops events of sessions it did not open. So this is a second DevTools client,
 * on the port Chromium opens for `--remote-debugging-port=0` (named in DevToolsActivePort): it
 * attaches to every other target as it starts, held until its Network and Log events are on, so its
 * very first request is seen too.
 */
export async function watchOffscreenDocuments(
  userDataDir: string,
  onRequest: (url: string, documentUrl: string) => void,
  onLog: (text: string, documentUrl: string) => void,
): Promise<OffscreenWatch> {
  // Written by Chromium as it opens the port, before Playwright's own connection is up.
  const portFile = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => {
    throw new Error('Chromium opened no DevTools port: launch it with --remote-debugging-port=0');
  });
  const [port, path] = portFile.trim().split('\n');
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`no DevTools connection on port ${port}`)), { once: true });
  });

  let lastId = 0;
  const send = (method: string, params: object = {}, sessionId?: string) =>
    socket.send(JSON.stringify({ id: ++lastId, method, params, ...(sessionId ? { sessionId } : {}) }));
  // Attached targets by session, each with its latest URL: it has none yet when attached, held before loading.
  const targets = new Map<string, TargetInfo>();
  const documentOf = (sessionId = '') => targets.get(sessionId)?.url ?? '(unknown)';

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as Message;
    if (message.error) throw new Error(`DevTools refused a command: ${message.error.message}`);
    if (message.method === 'Target.attachedToTarget') {
      const { sessionId, targetInfo } = message.params as { sessionId: string; targetInfo: TargetInfo };
      targets.set(sessionId, targetInfo);
      send('Network.enable', {}, sessionId);
      send('Log.enable', {}, sessionId);
      send('Runtime.runIfWaitingForDebugger', {}, sessionId);
    } else if (message.method === 'Target.targetInfoChanged') {
      const { targetInfo } = message.params as { targetInfo: TargetInfo };
      for (const [sessionId, target] of targets) if (target.targetId === targetInfo.targetId) targets.set(sessionId, targetInfo);
    } else if (message.method === 'Network.requestWillBeSent') {
      const { request, documentURL } = message.params as { request: { url: string }; documentURL: string };
      // The document's own request comes before its target has that URL.
      onRequest(request.url, documentURL || documentOf(message.sessionId));
    } else if (message.method === 'Log.entryAdded') {
      onLog((message.params as { entry: { text: string } }).entry.text, documentOf(message.sessionId));
    }
  });
  send('Target.setDiscoverTargets', { discover: true });
  send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
    filter: [...shownByPlaywright.map((type) => ({ type, exclude: true })), {}],
  });
  return { attached: () => [...targets.values()].map(({ type, url }) => `${type} ${url}`), close: () => socket.close() };
}
