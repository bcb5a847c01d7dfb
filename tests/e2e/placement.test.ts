import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe('where the panel appears', () => {
  it('appears on a Meet meeting, docked at the right, in the green room', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    const box = (await page.getByTitle('Rapport').boundingBox())!;
    expect(box.x + box.width).toBeGreaterThan(1400 - 40);
    expect(box.x).toBeGreaterThan(700);
    await page.close();
  });

  it('does not appear on the Meet home page, and appears after in-app navigation to a meeting', async () => {
    const page = await rapport.openCall('https://meet.google.com/');
    await expectPage(page.getByRole('link', { name: 'Join abc-defg-hij' })).toBeVisible();
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.getByRole('link', { name: 'Join abc-defg-hij' }).click();
    await expectPage(rapport.panel(page).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await rapport.reported(page, 'meet:abc-defg-hij');
    await page.goBack();
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.close();
  });

  it.each([
    'https://app.zoom.us/wc/123456789/join',
    'https://zoom.us/wc/join/12345678901',
    'https://us02web.zoom.us/wc/98765432100/start',
    'https://clinic.zoom.us/wc/123456789/join?pwd=abc',
  ])('appears on the Zoom web client at %s', async (url) => {
    const page = await rapport.openCall(url);
    await expectPage(rapport.panel(page).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await page.close();
  });

  it.each(['https://zoom.us/', 'https://app.zoom.us/wc/home', 'https://zoom.us/j/123456789'])('does not appear on the Zoom page %s, which is not a meeting', async (url) => {
    const page = await rapport.openCall(url);
    await expectPage(page.getByText('Not a meeting page.')).toBeVisible();
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.close();
  });

  it('stays on Zoom’s page after leaving, to end the visit, and goes on any other page', async () => {
    const page = await rapport.openCall('https://app.zoom.us/wc/123456789/join');
    await page.getByRole('button', { name: 'Join' }).click();
    const panel = rapport.panel(page);
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await page.getByRole('button', { name: 'Leave' }).click();
    await expectPage(page.getByText('You have left the meeting')).toBeVisible();
    await expectPage(panel.getByRole('heading', { name: 'The call has ended' })).toBeVisible();
    await page.goto('https://zoom.us/');
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.close();
  });

  it('stays above the full-window video and the call controls, and in full screen', async () => {
    const page = await rapport.openCall(MEET_URL);
    await page.getByRole('button', { name: 'Join now' }).click();
    const panel = rapport.panel(page);
    const topmost = () =>
      page.evaluate(() => {
        const frame = document.querySelector('iframe[title="Rapport"]')!;
        const box = frame.getBoundingClientRect();
        const points = [
          [box.left + 10, box.top + 10],
          [box.left + box.width / 2, box.top + box.height / 2],
          [box.right - 10, box.bottom - 10],
        ];
        return points.every(([x, y]) => document.elementFromPoint(x!, y!) === frame);
      });
    await expectPage(page.getByRole('button', { name: 'Leave call' })).toBeVisible();
    expect(await topmost()).toBe(true);
    // Clicking checks hit-testing: it fails if the video or controls would receive the click.
    await panel.getByRole('button', { name: 'Patient talking' }).click();
    await page.getByRole('button', { name: 'Full screen' }).click();
    await page.waitForFunction(() => document.fullscreenElement?.id === 'stage');
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    expect(await topmost()).toBe(true);
    await panel.getByRole('button', { name: 'Patient talking' }).click();
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'false');
    await page.close();
  });
});
