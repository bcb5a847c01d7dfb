import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { startRapport, type Rapport } from './harness.ts';

/** Chrome's own settings API, as chrome://extensions uses it (the function runs there, not here). */
declare const chrome: {
  developerPrivate: { addHostPermission(id: string, host: string): Promise<void>; removeHostPermission(id: string, host: string): Promise<void> };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
};

const SITE = 'https://telehealth.example.org';
const VISIT = `${SITE}/visit/4821`;

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

/**
 * Chrome's permission prompt cannot be answered from a test (it is browser UI, not a page). The grant
 * is given instead where a therapist can also give it, the site access settings of chrome://extensions
 * (the call its page makes); Chrome then answers the options page's real `permissions.request` with
 * "granted" without showing the prompt. Everything after the prompt runs as it does for a therapist.
 */
async function allowInBrowserSettings(origin: string, allow = true): Promise<void> {
  const settings = await rapport.browser.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    ([id, pattern, grant]) => (grant ? chrome.developerPrivate.addHostPermission(id, pattern) : chrome.developerPrivate.removeHostPermission(id, pattern)),
    [rapport.extensionId, `${origin}/*`, allow] as const,
  );
  await settings.close();
}

async function openSites(): Promise<Page> {
  const options = await rapport.openExtensionPage('options.html');
  await expectPage(options.getByRole('heading', { name: 'Video visit sites' })).toBeVisible();
  return options;
}

async function addSite(options: Page, address: string): Promise<void> {
  await options.getByRole('textbox', { name: 'Site address' }).fill(address);
  await options.getByRole('button', { name: 'Add a site' }).click();
}

const sitesStatus = (options: Page) => options.getByRole('region', { name: 'Video visit sites' }).getByRole('status');
const hasAccess = (page: Page, origin: string) => page.evaluate((pattern) => chrome.permissions.contains({ origins: [pattern] }), `${origin}/*`);
const registeredScripts = () => rapport.browser.worker!.evaluate(() => chrome.scripting.getRegisteredContentScripts());

describe('add a site', () => {
  it('refuses addresses it cannot add, in plain words, without asking the browser', async () => {
    const options = await openSites();
    for (const [address, problem] of [
      ['http://telehealth.example.org', 'Rapport works only on secure sites, whose address starts with https.'],
      ['meet.google.com', 'Google Meet is built in: Rapport already works there.'],
      ['https://telehealth.example.org:8443', 'Rapport cannot add an address with a port number (the “:” and digits after the site name).'],
    ]) {
      await addSite(options, address!);
      await expectPage(options.getByRole('alert')).toHaveText(problem!);
    }
    expect(await hasAccess(options, SITE)).toBe(false);
    await options.close();
  });

  it('shows the panel on an added site’s visit pages once the browser lets Rapport there, and no longer once removed', async () => {
    const before = await rapport.openCall(VISIT);
    await expectPage(before.getByRole('toolbar', { name: 'Visit controls' })).toBeVisible();
    expect(await registeredScripts()).toEqual([]);
    await before.close();

    await allowInBrowserSettings(SITE);
    const options = await openSites();
    await addSite(options, `${SITE}/visit`);
    await expectPage(sitesStatus(options)).toHaveText(
      `Added ${SITE}/visit. Open or reload a visit page there to see the panel.`,
    );
    await expectPage(options.getByRole('list', { name: 'Added sites' }).getByRole('button', { name: `Remove ${SITE}/visit` })).toBeVisible();
    expect(await hasAccess(options, SITE)).toBe(true);

    const call = await rapport.openCall(VISIT);
    const panel = rapport.panel(call);
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await rapport.reported(call, 'site.telehealth.example.org:visit:4821');
    // The frame's address is this session's random one: a page cannot look for Rapport at its fixed address.
    const panelAddress = (await call.getByTitle('Rapport').getAttribute('src'))!;
    expect(panelAddress).not.toContain(rapport.extensionId);
    await panel.getByRole('button', { name: 'Patient talking' }).click();
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');

    const portal = await rapport.openCall(`${SITE}/`);
    await expectPage(portal.getByText('Not a meeting page.')).toBeVisible();
    await rapport.reported(portal, null);
    await expectPage(portal.getByTitle('Rapport')).toHaveCount(0);
    await portal.close();

    await options.bringToFront();
    await options.getByRole('button', { name: `Remove ${SITE}/visit` }).click();
    await expectPage(sitesStatus(options)).toHaveText(`Removed ${SITE}. Rapport no longer runs there.`);
    expect(await hasAccess(options, SITE)).toBe(false);
    expect(await registeredScripts()).toEqual([]);
    await call.reload();
    await expectPage(call.getByRole('toolbar', { name: 'Visit controls' })).toBeVisible();
    await expectPage(call.getByTitle('Rapport')).toHaveCount(0);
    // A page that learnt the panel's address while it was an added site cannot show it any more.
    await call.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.title = 'Copied panel';
      frame.src = src;
      document.body.append(frame);
    }, panelAddress);
    const copied = call.frameLocator('iframe[title="Copied panel"]');
    await expectPage(copied.getByText('Rapport shows only on video visit sites.')).toBeVisible();
    await expectPage(copied.getByRole('timer')).toHaveCount(0);
    await call.close();
    await options.close();
  });

  it('drops an added site the browser no longer lets Rapport on, and says so', async () => {
    await allowInBrowserSettings(SITE);
    const options = await openSites();
    await addSite(options, SITE);
    await expectPage(options.getByRole('button', { name: `Remove ${SITE}` })).toBeVisible();
    expect((await registeredScripts()).map((script) => script.matches)).toEqual([[`${SITE}/*`]]);

    await allowInBrowserSettings(SITE, false);
    await expectPage(options.getByText(`The browser no longer lets Rapport on ${SITE}, so it was removed from your sites. Add it again to use it.`)).toBeVisible();
    await expectPage(options.getByRole('button', { name: `Remove ${SITE}` })).toHaveCount(0);
    expect(await registeredScripts()).toEqual([]);
    await options.close();
  });
});
