// Firefox stops an idle add-on background (its event page) and starts it again for the next event;
// the call page's panel, which reaches it over a port (utils/frame-relay.ts), must carry on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, collapseAndExpand, startFirefoxRapport, until, type FirefoxRapport } from './firefox-harness.ts';
import { MEET_URL } from './harness.ts';

/** The extension API inside evaluate on an extension page (the function runs there, not here). */
declare const browser: { extension: { getViews(): (Window & { rapportTestMark?: string })[] } };

let rapport: FirefoxRapport;
beforeAll(async () => {
  // Idle for a second instead of thirty, so the background stops while the test waits.
  rapport = await startFirefoxRapport({ prefs: { 'extensions.background.idle.timeout': 1000 } });
});
afterAll(() => rapport?.close());

describe('Rapport in Firefox, when its background stops while idle', () => {
  it('keeps the call page’s panel working with the background started again', async () => {
    const call = await rapport.openTab(MEET_URL);
    const panel = await rapport.panel(call);
    await addPatient(panel, 'Sam');

    // The running background page (among the add-on's views; none while stopped) is marked: once no
    // marked one runs, it was stopped. Each function runs in the page, so each names it there.
    const helper = await rapport.openExtensionPage(panel, 'sidepanel.html?tabId=-1');
    const marked = await helper.evaluate(() => {
      const views = browser.extension.getViews().filter((view) => view.location.pathname === '/_generated_background_page.html');
      views.forEach((view) => (view.rapportTestMark = 'first'));
      return views.length;
    });
    expect(marked).toBe(1);
    await until('the background to stop', () => helper.evaluate(() => !browser.extension.getViews().some((view) => view.rapportTestMark === 'first')));

    // Collapsing goes from the panel through the background to the call page's content script.
    await collapseAndExpand(call, panel);
  });
});
