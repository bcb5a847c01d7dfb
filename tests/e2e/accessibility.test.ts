import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function panelFrame(page: Page): Promise<Frame> {
  await expectPage(page.frameLocator('iframe[title="Rapport"]').getByRole('timer', { name: 'Visit time' })).toBeVisible();
  return page.frames().find((frame) => frame.url().includes('/panel.html'))!;
}

/** axe-core in the panel (WCAG 2 A and AA rules, colour contrast included); serious and critical only. */
async function seriousViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(await axeSource);
  const violations = await frame.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

describe('accessibility of the panel', () => {
  let rapport: Rapport;
  beforeAll(async () => {
    rapport = await startRapport();
  });
  afterAll(() => rapport?.close());

  it('has no serious or critical axe violations, before and after a patient is added', async () => {
    const page = await rapport.openCall(MEET_URL);
    const frame = await panelFrame(page);
    expect(await seriousViolations(frame)).toEqual([]);

    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');
    await panel.getByRole('button', { name: 'Edit details' }).click();
    await panel.getByRole('button', { name: 'Start opening' }).click();
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByText('Phrase bank').click();
    await expectPage(panel.getByRole('heading', { name: 'Empathy statements' })).toBeVisible();
    expect(await seriousViolations(frame)).toEqual([]);

    // The dark theme must hold the same contrast.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectPage(panel.locator('html')).toSatisfy((html) => html.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), Boolean);
    expect(await seriousViolations(frame)).toEqual([]);
    await page.close();
  });

  it('keeps the visit summary, self-check, history and options page free of serious violations', async () => {
    const page = await rapport.openCall('https://app.zoom.us/wc/987654321/join');
    const frame = await panelFrame(page);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Ana');
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    await panel.getByText('Quick self-check (optional)').click();
    await panel.getByRole('button', { name: 'History' }).click();
    await expectPage(panel.getByRole('table')).toBeVisible();
    expect(await seriousViolations(frame)).toEqual([]);

    const options = await rapport.openExtensionPage('options.html');
    await options.getByRole('button', { name: /^Ana/ }).click();
    await expectPage(options.getByRole('table')).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.close();
    await page.close();
  });

  it('keeps the side panel free of serious violations, light and dark', async () => {
    const page = await rapport.openCall('https://meet.google.com/sid-epan-elx');
    await addPatient(rapport.panel(page), 'Lee');
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(page)}`);
    await expectPage(side.getByRole('heading', { name: /^Lee/ })).toBeVisible();
    await expectPage(side.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    expect(await seriousViolations(side.mainFrame())).toEqual([]);
    await side.getByRole('button', { name: 'History' }).click();
    await side.getByText('Phrase bank').click();
    await expectPage(side.getByRole('heading', { name: 'Empathy statements' })).toBeVisible();
    await side.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(side.mainFrame())).toEqual([]);
    await side.close();
    await page.close();
  });

  it('keeps the options page free of serious violations with its settings loaded and a patient selected', async () => {
    const page = await rapport.openCall('https://meet.google.com/opt-ions-pag');
    const panel = rapport.panel(page);
    await addPatient(panel, 'Noor');
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    // An added site and one the browser took back, so the sites list and its notice are scanned too.
    const { settings } = await rapport.storage.get();
    const sites = { added: [{ origin: 'https://telehealth.example.org', pathPrefix: '/visit' }], revoked: ['https://video.example.org'] };
    await rapport.storage.set({ settings: { ...(settings as object), sites } });
    const options = await rapport.openExtensionPage('options.html');
    // The settings sections load after the first frame.
    await expectPage(options.getByRole('region', { name: 'Backup' })).toBeVisible();
    await expectPage(options.getByRole('button', { name: 'Remove https://telehealth.example.org/visit' })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);

    await options.getByRole('button', { name: /^Noor/ }).click();
    await expectPage(options.getByRole('button', { name: 'Delete this patient…' })).toBeVisible();
    await expectPage(options.getByRole('table')).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.getByRole('button', { name: 'Delete this patient…' }).click();
    await expectPage(options.getByRole('button', { name: /^Delete Noor and/ })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);

    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.close();
    await page.close();
  });

  it('works from the keyboard alone, with a visible focus ring', async () => {
    const page = await rapport.openCall('https://meet.google.com/xyz-wxyz-xyz');
    const panel = rapport.panel(page);
    const name = panel.getByRole('textbox', { name: 'Preferred name' });
    await name.focus();
    await page.keyboard.type('Rosa');
    await page.keyboard.press('Enter');
    await expectPage(panel.getByRole('heading', { name: /^Rosa/ })).toBeVisible();

    // Tab to the first checkbox and tick it with the space bar.
    const greet = panel.getByRole('checkbox', { name: 'Greet them by their preferred name' });
    await panel.getByRole('button', { name: 'Beginning and the why 0 of 5' }).focus();
    await page.keyboard.press('Tab');
    await expectPage(greet).toSatisfy((checkbox) => checkbox.evaluate((el) => el === document.activeElement), Boolean);
    const ring = await greet.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Space');
    await expectPage(greet).toBeChecked();

    // Buttons answer to Enter.
    await panel.getByRole('button', { name: 'Patient talking' }).focus();
    await page.keyboard.press('Enter');
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    await page.close();
  });
});

describe('at 200% zoom', () => {
  let rapport: Rapport;
  beforeAll(async () => {
    // A 1400x900 window at 200% zoom: the page sees 700x450 CSS pixels at twice the density.
    rapport = await startRapport({ viewport: { width: 700, height: 450 }, deviceScaleFactor: 2 });
  });
  afterAll(() => rapport?.close());

  it('keeps the panel inside the window, without sideways scrolling, every control reachable', async () => {
    const page = await rapport.openCall(MEET_URL);
    const frame = await panelFrame(page);
    const box = (await page.getByTitle('Rapport').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(700);
    expect(box.y + box.height).toBeLessThanOrEqual(450);
    const overflow = await frame.evaluate(() => {
      const body = document.querySelector('.panel-body')!;
      return { sideways: body.scrollWidth - body.clientWidth, scrolls: body.scrollHeight > body.clientHeight };
    });
    expect(overflow.sideways).toBeLessThanOrEqual(0);
    expect(overflow.scrolls).toBe(true);

    const panel = rapport.panel(page);
    await panel.getByRole('button', { name: 'End visit' }).click();
    await expectPage(panel.getByRole('button', { name: 'Yes, end visit' })).toBeVisible();
    await panel.getByRole('button', { name: 'Keep going' }).click();
    expect(await seriousViolations(frame)).toEqual([]);
    await page.close();
  });
});
