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

  it('opens the keyboard shortcuts help from the keyboard, free of serious violations, and closes it with Escape', async () => {
    const page = await rapport.openCall('https://meet.google.com/hel-pdia-log');
    const frame = await panelFrame(page);
    const panel = rapport.panel(page);
    const helpButton = panel.getByRole('button', { name: 'Keyboard shortcuts' });
    await helpButton.focus();
    await helpButton.press('Enter');
    const help = panel.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expectPage(help.getByRole('row').filter({ hasText: 'Tick the next checklist item' })).toBeVisible();
    expect(await seriousViolations(frame)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(frame)).toEqual([]);
    await help.getByRole('button', { name: 'Change shortcuts' }).press('Escape');
    await expectPage(help).toBeHidden();
    await expectPage(helpButton).toSatisfy((button) => button.evaluate((element) => element === document.activeElement), Boolean);
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
    await expectPage(options.getByRole('region', { name: 'About Rapport' })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);

    await options.getByRole('button', { name: /^Noor/ }).click();
    await expectPage(options.getByRole('button', { name: 'Delete this patient…' })).toBeVisible();
    await expectPage(options.getByRole('table')).toBeVisible();
    await options.getByRole('button', { name: 'Edit details' }).click();
    await expectPage(options.getByRole('textbox', { name: 'To ask about next time' })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.getByRole('button', { name: 'Delete this patient…' }).click();
    await expectPage(options.getByRole('button', { name: /^Delete Noor and/ })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);

    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.close();
    await page.close();
  });

  it('keeps the passphrase lock free of serious violations: its settings, and the locked panel and options page', async () => {
    const page = await rapport.openCall('https://meet.google.com/loc-kedp-anl');
    await addPatient(rapport.panel(page), 'Ines');
    const options = await rapport.openExtensionPage('options.html');
    const lock = options.getByRole('region', { name: 'Passphrase lock' });
    await expectPage(lock).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await lock.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await lock.getByLabel('The same passphrase again').fill('correct horse battery');
    await lock.getByRole('button', { name: 'Turn on the lock' }).click();
    await expectPage(lock.getByRole('button', { name: 'Lock now' })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);

    await lock.getByRole('button', { name: 'Lock now' }).click();
    await expectPage(options.getByRole('heading', { name: 'Rapport is locked' })).toBeVisible();
    await expectPage(rapport.panel(page).getByRole('heading', { name: 'Rapport is locked' })).toBeVisible();
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    expect(await seriousViolations(page.frames().find((frame) => frame.url().includes('/panel.html'))!)).toEqual([]);

    // Unlocked and turned off again, for the tests after this one.
    await options.getByLabel('Passphrase').fill('correct horse battery');
    await options.getByRole('button', { name: 'Unlock' }).click();
    await lock.getByLabel('Current passphrase').fill('correct horse battery');
    await lock.getByRole('button', { name: 'Turn off the lock' }).click();
    await expectPage(lock.getByRole('button', { name: 'Turn on the lock' })).toBeVisible();
    await options.close();
    await page.close();
  });

  it('keeps the protocol editor on the options page free of serious violations', async () => {
    const options = await rapport.openExtensionPage('options.html');
    const protocols = options.getByRole('region', { name: 'Checklist protocols' });
    await protocols.getByRole('button', { name: 'Edit: Evidence-based default' }).click();
    const editor = options.getByRole('form', { name: 'Edit protocol' });
    await editor.getByRole('textbox', { name: 'Practice 1 in Goals' }).fill('');
    await editor.getByRole('button', { name: 'Save protocol' }).click();
    await expectPage(editor.getByRole('alert')).toHaveText('Not saved yet. Section 5 (Goals), practice 1: the practice text is empty.');
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.close();
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

describe('accessibility in each theme and density set on the options page', () => {
  let rapport: Rapport;
  beforeAll(async () => {
    rapport = await startRapport();
  });
  afterAll(() => rapport?.close());

  it.each([
    ['Light', 'Comfortable', 'lig-htco-mfo'],
    ['Light', 'Compact', 'lig-htco-mpa'],
    ['Dark', 'Comfortable', 'dar-kcom-fow'],
    ['Dark', 'Compact', 'dar-kcom-pac'],
  ])('%s theme, %s spacing: no serious violations on the options page, the panel and the side panel', async (theme, density, code) => {
    const options = await rapport.openExtensionPage('options.html');
    await expectPage(options.getByRole('region', { name: 'Look' })).toBeVisible();
    for (const name of [theme, density]) {
      await options.getByRole('radio', { name, exact: true }).check();
      await expectPage(options.getByRole('radio', { name, exact: true })).toBeChecked();
    }
    await expectPage(options.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await expectPage(options.locator('html')).toHaveAttribute('data-density', density.toLowerCase());
    expect(await seriousViolations(options.mainFrame())).toEqual([]);
    await options.close();

    const page = await rapport.openCall(`https://meet.google.com/${code}`);
    const frame = await panelFrame(page);
    const panel = rapport.panel(page);
    await expectPage(panel.locator('html')).toHaveAttribute('data-density', density.toLowerCase());
    await addPatient(panel, 'Kai');
    await panel.getByRole('button', { name: 'Start opening' }).click();
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByRole('button', { name: 'Patient talking' }).click();
    await panel.getByText('Phrase bank').click();
    await expectPage(panel.getByRole('heading', { name: 'Empathy statements' })).toBeVisible();
    expect(await seriousViolations(frame)).toEqual([]);

    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(page)}`);
    await expectPage(side.getByRole('heading', { name: /^Kai/ })).toBeVisible();
    await expectPage(side.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await side.getByRole('button', { name: 'History' }).click();
    expect(await seriousViolations(side.mainFrame())).toEqual([]);
    await side.close();
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
