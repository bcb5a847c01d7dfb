import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe('keystrokes typed in the panel', () => {
  it('never reach Meet’s own shortcuts (ctrl+d mutes, ctrl+e turns off the camera)', async () => {
    const page = await rapport.openCall(MEET_URL);
    await page.getByRole('button', { name: 'Join now' }).click();
    const status = page.getByRole('status');
    // The control: with focus on the call page the shortcut works.
    await page.locator('body').click({ position: { x: 200, y: 400 } });
    await page.keyboard.press('Control+d');
    await expectPage(status).toContainText('Microphone off');
    await expectPage(status).toContainText('Shortcuts 1');

    const name = rapport.panel(page).getByRole('textbox', { name: 'Preferred name' });
    await name.click();
    await page.keyboard.type('Sam de');
    await page.keyboard.press('Control+d');
    await page.keyboard.press('Control+e');
    await expectPage(name).toHaveValue('Sam de');
    await name.press('Enter');
    await expectPage(rapport.panel(page).getByRole('heading', { name: 'Sam de' })).toBeVisible();
    await expectPage(status).toContainText('Microphone off · Camera on · Shortcuts 1');
    await page.close();
  });

  it('never reach Zoom’s own shortcuts (alt+a mutes)', async () => {
    const page = await rapport.openCall('https://app.zoom.us/wc/123456789/join');
    await page.getByRole('button', { name: 'Join' }).click();
    const status = page.getByRole('status');
    await page.locator('body').click({ position: { x: 200, y: 400 } });
    await page.keyboard.press('Alt+a');
    await expectPage(status).toContainText('Shortcuts 1');

    const name = rapport.panel(page).getByRole('textbox', { name: 'Preferred name' });
    await name.click();
    await page.keyboard.type('a');
    await page.keyboard.press('Alt+a');
    await expectPage(name).toHaveValue('a');
    await expectPage(status).toContainText('Audio muted · Shortcuts 1');
    await page.close();
  });
});
