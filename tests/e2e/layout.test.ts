import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

const ZOOM_URL = 'https://app.zoom.us/wc/123456789/join';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const frameBox = async (page: Page) => (await page.getByTitle('Rapport').boundingBox())!;

describe('moving and collapsing the panel', () => {
  it('drags by the handle, docks to the nearer side, and remembers it on reload', async () => {
    const page = await rapport.openCall(MEET_URL);
    const handle = rapport.panel(page).getByRole('button', { name: 'Move panel' });
    await expectPage(handle).toBeVisible();
    const start = await frameBox(page);
    const grip = (await handle.boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x - 800, grip.y + grip.height / 2 + 60, { steps: 12 });
    await page.mouse.up();
    await expect.poll(async () => (await frameBox(page)).x).toBeLessThan(start.x - 700);
    const moved = await frameBox(page);
    expect(moved.y).toBeGreaterThan(start.y + 40);

    await page.reload();
    await expectPage(rapport.panel(page).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await expect.poll(async () => Math.round((await frameBox(page)).x)).toBe(Math.round(moved.x));
    expect(Math.round((await frameBox(page)).y)).toBe(Math.round(moved.y));

    // Position is per site: Zoom still has the panel at its default place on the right.
    const zoom = await rapport.openCall(ZOOM_URL);
    await expectPage(rapport.panel(zoom).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await expect.poll(async () => (await frameBox(zoom)).x).toBeGreaterThan(900);
    await zoom.close();
    await page.close();
  });

  it('moves with the arrow keys on the handle', async () => {
    const page = await rapport.openCall(MEET_URL);
    const handle = rapport.panel(page).getByRole('button', { name: 'Move panel' });
    await expectPage(handle).toBeVisible();
    await expect.poll(async () => (await frameBox(page)).y).toBeGreaterThan(0);
    const before = await frameBox(page);
    await handle.focus();
    await handle.press('ArrowDown');
    await handle.press('ArrowDown');
    await expect.poll(async () => Math.round((await frameBox(page)).y)).toBe(Math.round(before.y + 48));
    await page.close();
  });

  it('collapses to a pill that keeps the visit clock, expands again, and remembers it per site', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await panel.getByRole('button', { name: 'Collapse Rapport' }).click();
    await expectPage(panel.getByRole('button', { name: 'Expand Rapport' })).toBeVisible();
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await expect.poll(async () => (await frameBox(page)).height).toBeLessThan(80);
    expect((await frameBox(page)).width).toBeLessThan(260);

    await page.reload();
    await expectPage(rapport.panel(page).getByRole('button', { name: 'Expand Rapport' })).toBeVisible();
    await expect.poll(async () => (await frameBox(page)).height).toBeLessThan(80);

    const zoom = await rapport.openCall(ZOOM_URL);
    await expectPage(rapport.panel(zoom).getByRole('button', { name: 'Collapse Rapport' })).toBeVisible();
    await zoom.close();

    await rapport.panel(page).getByRole('button', { name: 'Expand Rapport' }).click();
    await expectPage(rapport.panel(page).getByRole('button', { name: 'Collapse Rapport' })).toBeVisible();
    await expect.poll(async () => (await frameBox(page)).height).toBeGreaterThan(400);
    await page.close();
  });
});
