import { resolve } from 'node:path';
import type { ConsoleMessage, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureHosts } from '../support/fixture-server.ts';
import { contentScriptWorld } from './content-script-world.ts';
import { expect as expectPage } from './expect.ts';
import { addPatient, listen, MEET_URL, startRapport, storedSegments, type Rapport } from './harness.ts';
import { watchOffscreenDocuments, type OffscreenWatch } from './offscreen-watch.ts';

/**
 * Zero egress, watched at run time: every request any part of Rapport makes during a whole visit,
 * seen through the Chrome DevTools Protocol (Playwright's context-wide request events: the call
 * pages, the panel frame in them (an out-of-process iframe), the side panel and options pages, the
 * content script's world, which shares the call page's network, and the extension's service worker),
 * and the audio page (the offscreen document that exists while Rapport listens to the call), which
 * Playwright does not show, through a DevTools connection of its own (offscreen-watch.ts).
 * Only the call sites' own pages (served here by the fixture server) and the extension's own files
 * may appear. The static counterpart is scripts/check-egress.ts.
 *
 * A request the extension pages' CSP refuses (connect-src 'none') never leaves and so is not a
 * request here; the refusal is logged on the page, and the test fails on that too. The service
 * worker logs no such refusal: its code is covered by the static check.
 */

const audio = resolve(import.meta.dirname, '../fixtures/audio/clean');
const ZOOM_URL = 'https://app.zoom.us/wc/555555555/join';
const CANARY_PATH = '/__fixture/call.css';

interface Seen {
  url: string;
  /** Where it came from: a frame (by its URL) or the service worker. */
  from: string;
  /** Made by the extension's own pages or service worker (not the call page or the content script). */
  byExtension: boolean;
}

let rapport: Rapport;
let offscreen: OffscreenWatch;
let extensionOrigin: string;
/** The extension's origin at this session's random address, where call pages load the panel frame from (use_dynamic_url). */
let panelOrigin: string;
/** The extension's own files, at either of its addresses. */
const ours = (url: string) => url.startsWith(`${extensionOrigin}/`) || url.startsWith(`${panelOrigin}/`);
const seen: Seen[] = [];
const refusedByCsp: string[] = [];

function source(request: Request): Pick<Seen, 'from' | 'byExtension'> {
  const worker = request.serviceWorker();
  if (worker) return { from: `service worker ${worker.url()}`, byExtension: ours(worker.url()) };
  let frameUrl = '';
  try {
    frameUrl = request.frame().url();
  } catch {
    // No frame: only service worker requests lack one, and they are handled above.
  }
  // A frame's own document is requested before the frame has that URL.
  const url = request.isNavigationRequest() ? request.url() : frameUrl;
  // Unknown origin: judged by the strictest rule, the extension's.
  return { from: `frame ${url || '(unknown)'}`, byExtension: url === '' || ours(url) };
}

function where(message: ConsoleMessage): string {
  const context = message.worker()?.url() ?? message.page()?.url() ?? '(unknown context)';
  const script = message.location().url;
  return script && script !== context ? `${context} (${script})` : context;
}

/** Call-site paths this visit opens; with the fixture server's script, style and icon paths, nothing else may be asked of those hosts. */
const visitedPaths = new Set([new URL(MEET_URL).pathname, new URL(ZOOM_URL).pathname]);
const fixturePath = (path: string) =>
  visitedPaths.has(path) || /^\/__fixture\/(?:[a-z-]+\.(?:js|css)|audio\/clean\/patient\.wav)$/.test(path) || path === '/favicon.ico';

/** Why a request breaks "no egress", or null when it is allowed. */
function egress({ url, byExtension }: Seen): string | null {
  if (ours(url)) return null;
  if (url.startsWith('blob:') && ours(url.slice('blob:'.length))) return null;
  if (url.startsWith('data:')) return null;
  if (byExtension) return 'the extension asked for something outside itself';
  const parsed = new URL(url);
  const callSite = parsed.protocol === 'https:' && parsed.port === '' && (fixtureHosts as readonly string[]).includes(parsed.hostname);
  if (!callSite) return 'not a call site';
  if (!fixturePath(parsed.pathname)) return 'a call-site address the call page does not use';
  return null;
}

beforeAll(async () => {
  // The fake microphone and the call's sound, so that Rapport listens; the DevTools port for the offscreen watch.
  rapport = await startRapport({ microphoneWav: resolve(audio, 'therapist.wav'), args: ['--remote-debugging-port=0'] });
  extensionOrigin = `chrome-extension://${rapport.extensionId}`;
  const panelUrl = await rapport.browser.worker!.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { getURL(path: string): string } } }).chrome.runtime.getURL('panel.html'),
  );
  panelOrigin = panelUrl.slice(0, panelUrl.indexOf('/', 'chrome-extension://'.length));
  const { context } = rapport.browser;
  context.on('request', (request) => seen.push({ url: request.url(), ...source(request) }));
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusedByCsp.push(`${where(message)}: ${message.text()}`);
  });
  offscreen = await watchOffscreenDocuments(
    rapport.browser.userDataDir,
    (url, documentUrl) => seen.push({ url, from: `offscreen document ${documentUrl}`, byExtension: true }),
    (text, documentUrl) => {
      if (/Content Security Policy/i.test(text)) refusedByCsp.push(`offscreen document ${documentUrl}: ${text}`);
    },
  );
});
afterAll(async () => {
  offscreen?.close();
  await rapport?.close();
});

describe('zero egress', () => {
  it('a whole visit, in every part of Rapport, asks nothing of any host but the call sites’ own pages', async () => {
    // Playwright reports service worker requests unless this switch turns it off.
    expect(process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK).toBeFalsy();
    const { context } = rapport.browser;

    // The call, the patient, Rapport listening to the call (its audio page), the checklist and its answers, talk time.
    const page = await rapport.openCall(`${MEET_URL}?patient-audio=clean`);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Alex');
    await listen(rapport, await rapport.tabIdOf(page));
    await page.getByRole('button', { name: 'Join now' }).click();
    await expectPage(panel.locator('.totals'), { timeout: 30_000 }).toHaveText(/Patient 0:0[2-9]/);
    const segments = await storedSegments(rapport);
    expect(segments.filter((segment) => segment.source === 'auto').length, 'talk heard by the audio page').toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Stop listening' }).click();
    await expectPage(panel.getByRole('region', { name: 'Talk time' }).getByRole('status').first()).toContainText('Tracked by hand.');
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByRole('checkbox', { name: 'Show you read their intake' }).check();
    const why = panel.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true });
    await why.fill('Carry the shopping up the stairs');
    await why.blur();
    await panel.getByRole('button', { name: 'Start opening' }).click();
    await expectPage(panel.getByText(/^Patient 0:0[1-9]/)).toBeVisible();
    await panel.getByRole('button', { name: 'I’m talking' }).click();
    await expectPage(panel.getByRole('button', { name: 'I’m talking' })).toHaveAttribute('aria-pressed', 'true');

    // The side panel page for this tab; then the service worker is stopped, so that its start-up
    // also happens while it is watched (the next message wakes it).
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(page)}`);
    await expectPage(side.getByRole('heading', { name: 'Alex' })).toBeVisible();
    const devtools = await context.newCDPSession(side);
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    await devtools.detach();
    await side.getByRole('button', { name: 'Patient talking' }).click();
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    await side.getByRole('checkbox', { name: 'Say an empathy statement' }).check();
    await expectPage(panel.getByRole('checkbox', { name: 'Say an empathy statement' })).toBeChecked();

    // A reload brings the same visit back.
    await page.reload();
    const reloaded = rapport.panel(page);
    await expectPage(reloaded.getByRole('heading', { name: 'Alex' })).toBeVisible();
    await expectPage(reloaded.getByRole('checkbox', { name: 'Show you read their intake' })).toBeChecked();
    await expectPage(reloaded.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true })).toHaveValue(
      'Carry the shopping up the stairs',
    );

    // The content script's own world shares the call page's network: a request made there (to the
    // call site, which is allowed) must be seen, or this test would be blind to the content script.
    const world = await contentScriptWorld(rapport, page);
    const canary = `https://meet.google.com${CANARY_PATH}?egress-canary`;
    expect(await world.evaluate(`fetch(${JSON.stringify(canary)}).then((response) => response.status)`)).toBe(200);
    await world.close();

    // End the visit: the summary, its note saved as a file. The panel may still be settling into
    // place after the reload, so the clicks go to the buttons themselves, not to a point on screen.
    await reloaded.getByRole('button', { name: 'End visit' }).dispatchEvent('click');
    await reloaded.getByRole('button', { name: 'Yes, end visit' }).dispatchEvent('click');
    await expectPage(reloaded.getByRole('heading', { name: 'Visit summary' })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), reloaded.getByRole('button', { name: 'Download .txt' }).dispatchEvent('click')]);
    await download.path();

    // The options page: the patient's history.
    const options = await rapport.openExtensionPage('options.html');
    await options.getByRole('button', { name: /^Alex/ }).click();
    await expectPage(options.getByRole('heading', { name: 'Alex', level: 2 })).toBeVisible();

    // The other call site.
    const zoom = await rapport.openCall(ZOOM_URL);
    await rapport.panel(zoom).getByRole('button', { name: 'Patient talking' }).click();
    await expectPage(rapport.panel(zoom).getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');

    for (const opened of [zoom, options, side, page]) await opened.close();

    // The watch saw every kind of context: the extension's pages (their own documents), the call
    // pages, and the content script (its canary); and Playwright is attached to the service worker.
    const documents = (path: string) =>
      seen.filter((request) => [extensionOrigin, panelOrigin].some((origin) => request.url.startsWith(`${origin}/${path}`)) && request.byExtension);
    expect(documents('panel.html').length, 'panel frame watched').toBeGreaterThan(0);
    expect(documents('sidepanel.html').length, 'side panel watched').toBeGreaterThan(0);
    expect(documents('options.html').length, 'options page watched').toBeGreaterThan(0);
    expect(seen.filter((request) => request.url === canary && !request.byExtension).length, 'content script watched').toBe(1);
    expect(context.serviceWorkers().map((worker) => worker.url())).toContain(`${extensionOrigin}/background.js`);
    // The audio page: attached to, and its own document seen on its network.
    expect(offscreen.attached(), 'audio page attached').toContainEqual(expect.stringMatching(`${extensionOrigin}/offscreen.html`));
    expect(documents('offscreen.html').length, 'audio page watched').toBeGreaterThan(0);

    // Nothing else.
    const outside = seen.flatMap((request) => {
      const why = egress(request);
      return why ? [`${request.url} (from ${request.from}): ${why}`] : [];
    });
    expect(outside, 'requests outside the extension and the call pages').toEqual([]);
    expect(refusedByCsp, 'what the extension pages’ CSP refused').toEqual([]);

    // The fixture server, on the network side, agrees: only call-page paths were asked for.
    const unexpected = rapport.server.requests.filter((request) => !fixturePath(request.slice(request.indexOf('/'))));
    expect(unexpected, 'requests the fixture server saw').toEqual([]);
  });
});
