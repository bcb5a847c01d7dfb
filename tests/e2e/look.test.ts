import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

const ZOOM_URL = 'https://app.zoom.us/wc/123456789/join';
/** panel.css's --bg in each theme. */
const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(21, 25, 30)';
const WINDOW = { width: 1400, height: 900 };

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport({ viewport: WINDOW });
});
afterAll(() => rapport?.close());

type Surface = FrameLocator | Page;
const background = (surface: Surface) => surface.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
const expectBackground = (surface: Surface, colour: string) =>
  expect.poll(() => background(surface), { timeout: 10_000, interval: 50 }).toBe(colour);

/** The options page with its settings (loaded after the patient list) on screen. */
async function openOptions(): Promise<Page> {
  const options = await rapport.openExtensionPage('options.html');
  await expectPage(options.getByRole('region', { name: 'Look' })).toBeVisible();
  return options;
}

async function choose(options: Page, name: string) {
  const radio = options.getByRole('radio', { name, exact: true });
  await radio.check();
  await expectPage(radio).toBeChecked();
}

async function openPanel(url: string): Promise<{ page: Page; panel: FrameLocator }> {
  const page = await rapport.openCall(url);
  const panel = rapport.panel(page);
  await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
  return { page, panel };
}

describe('theme', () => {
  it('matches the system by default, then follows Light and Dark whatever the system says, on the panel and the options page', async () => {
    const { page, panel } = await openPanel(MEET_URL);
    const options = await openOptions();
    await expectPage(options.getByRole('radio', { name: 'Match the system' })).toBeChecked();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectBackground(panel, DARK);
    await page.emulateMedia({ colorScheme: 'light' });
    await expectBackground(panel, LIGHT);

    await choose(options, 'Dark');
    await expectBackground(panel, DARK);
    await expectBackground(options, DARK);
    expect(await panel.locator('html').evaluate((html) => getComputedStyle(html).colorScheme)).toBe('dark');

    await page.emulateMedia({ colorScheme: 'dark' });
    await options.emulateMedia({ colorScheme: 'dark' });
    await choose(options, 'Light');
    await expectBackground(panel, LIGHT);
    await expectBackground(options, LIGHT);

    await choose(options, 'Match the system');
    await expectBackground(panel, DARK);
    await expectPage(panel.locator('html')).toHaveAttribute('data-theme', null);
    await options.close();
    await page.close();
  });

  it('matches the call site: light on Meet’s white join screen, dark once the call is on, dark on Zoom; the side panel follows its tab', async () => {
    const options = await openOptions();
    await choose(options, 'Match the call site');
    await options.close();

    // The system says dark, the join screen is white: the panel follows the page.
    const { page, panel } = await openPanel('https://meet.google.com/sit-elok-abc');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectBackground(panel, LIGHT);
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(page)}`);
    await expectBackground(side, LIGHT);

    await page.bringToFront();
    await page.getByRole('button', { name: 'Join now' }).click();
    await expectBackground(panel, DARK);
    await expectBackground(side, DARK);
    await side.close();

    const zoom = await openPanel(ZOOM_URL);
    await zoom.page.emulateMedia({ colorScheme: 'light' });
    await expectBackground(zoom.panel, DARK);
    await zoom.page.close();
    await page.close();
  });

  it('follows the call site from the moment the therapist chooses it during a call', async () => {
    const options = await openOptions();
    await choose(options, 'Match the system');
    const zoom = await openPanel(ZOOM_URL);
    await zoom.page.emulateMedia({ colorScheme: 'light' });
    await expectBackground(zoom.panel, LIGHT);
    await choose(options, 'Match the call site');
    await expectBackground(zoom.panel, DARK);
    await options.close();
    await zoom.page.close();
  });
});

describe('density and size', () => {
  it.each(['Comfortable', 'Compact'])('in %s: body text at least 15px, the visit clock large, and the expanded panel under a quarter of a 1400x900 window on Meet and Zoom', async (density) => {
    const options = await openOptions();
    await choose(options, density);
    await options.close();
    for (const url of [MEET_URL, ZOOM_URL]) {
      const { page, panel } = await openPanel(url);
      await expectPage(panel.locator('html')).toHaveAttribute('data-density', density.toLowerCase());
      const sizes = await panel.locator('body').evaluate((body) => ({
        text: parseFloat(getComputedStyle(body).fontSize),
        clock: parseFloat(getComputedStyle(body.querySelector('[role="timer"]')!).fontSize),
        sideways: body.querySelector('.panel-body')!.scrollWidth - body.querySelector('.panel-body')!.clientWidth,
      }));
      expect(sizes.text).toBeGreaterThanOrEqual(15);
      expect(sizes.clock).toBeGreaterThanOrEqual(19);
      expect(sizes.sideways).toBeLessThanOrEqual(0);

      // At its tallest: moved to the top of the window, in the call with its full-window video.
      await page.getByRole('button', { name: /^Join/ }).click();
      const handle = panel.getByRole('button', { name: 'Move panel' });
      for (let step = 0; step < 3; step++) await handle.press('Shift+ArrowUp');
      const frame = page.getByTitle('Rapport');
      await expect.poll(async () => (await frame.boundingBox())!.y, { timeout: 10_000, interval: 50 }).toBeLessThanOrEqual(8);
      const box = (await frame.boundingBox())!;
      expect(box.width * box.height).toBeLessThanOrEqual(0.25 * WINDOW.width * WINDOW.height);
      expect(box.x + box.width).toBeLessThanOrEqual(WINDOW.width);
      expect(box.y + box.height).toBeLessThanOrEqual(WINDOW.height);
      await page.close();
    }
  });
});
