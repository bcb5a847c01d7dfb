import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';
import { decodedJson } from '../support/decoded-json.ts';

const PASSPHRASE = 'correct horse battery';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterEach(async () => {
  for (const page of rapport.browser.context.pages()) if (!page.url().endsWith('tabId=-1')) await page.close();
  await rapport.storage.remove(['lockKey'], 'session');
  await rapport.storage.remove(Object.keys(await rapport.storage.get()));
});
afterAll(() => rapport?.close());

/** A call with Dana as its patient, and the options page with the lock turned on there. */
async function danaWithLockOn(): Promise<{ page: Page; panel: FrameLocator; options: Page }> {
  const page = await rapport.openCall(MEET_URL);
  const panel = rapport.panel(page);
  await addPatient(panel, 'Dana');
  const options = await rapport.openExtensionPage('options.html');
  const lock = options.getByRole('region', { name: 'Passphrase lock' });
  await lock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await lock.getByLabel('The same passphrase again').fill(PASSPHRASE);
  await lock.getByRole('button', { name: 'Turn on the lock' }).click();
  await expectPage(lock.getByRole('status')).toHaveText(/The lock is on/);
  return { page, panel, options };
}

const lockHeading = { name: 'Rapport is locked' };

describe('passphrase lock', () => {
  it('locks, stays locked across a reload, and unlocks with the passphrase; locked pages show no patient data', async () => {
    const { page, panel, options } = await danaWithLockOn();
    expect(decodedJson(await rapport.storage.get())).not.toContain('Dana');
    await expectPage(panel.getByRole('heading', { name: 'Dana' })).toBeVisible();

    await options.getByRole('region', { name: 'Passphrase lock' }).getByRole('button', { name: 'Lock now' }).click();
    await expectPage(options.getByRole('heading', lockHeading)).toBeVisible();
    await expectPage(panel.getByRole('heading', lockHeading)).toBeVisible();
    expect(await options.locator('body').innerText()).not.toContain('Dana');
    expect(await panel.locator('body').innerText()).not.toContain('Dana');

    await page.reload();
    await options.reload();
    const reloaded = rapport.panel(page);
    const unlock = reloaded.getByRole('region', lockHeading);
    await expectPage(unlock).toBeVisible();
    await expectPage(options.getByRole('heading', lockHeading)).toBeVisible();
    expect(await reloaded.locator('body').innerText()).not.toContain('Dana');
    expect(await options.locator('body').innerText()).not.toContain('Dana');

    // Enter, not a click: right after a reload re-created the panel's frame, a click can reach the call page instead.
    await unlock.getByLabel('Passphrase').fill('not the passphrase');
    await unlock.getByLabel('Passphrase').press('Enter');
    await expectPage(unlock.getByRole('alert')).toHaveText(/That passphrase is not right, so Rapport stays locked/);
    expect(await reloaded.locator('body').innerText()).not.toContain('Dana');

    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByLabel('Passphrase').press('Enter');
    await expectPage(reloaded.getByRole('heading', { name: 'Dana' })).toBeVisible();
    // Every open page follows the unlock.
    await expectPage(options.getByRole('button', { name: 'Dana 0 visits' })).toBeVisible();
  });

  it('locks every page when the computer goes idle, and turned off stores the records unencrypted again', async () => {
    const { panel, options } = await danaWithLockOn();
    await rapport.browser.worker!.evaluate(() => {
      const idle = (globalThis as unknown as { chrome: { idle: { onStateChanged: { dispatch(state: string): void } } } }).chrome.idle;
      idle.onStateChanged.dispatch('idle');
    });
    await expectPage(panel.getByRole('heading', lockHeading)).toBeVisible();
    await expectPage(options.getByRole('heading', lockHeading)).toBeVisible();
    expect(await panel.locator('body').innerText()).not.toContain('Dana');

    const unlock = options.getByRole('region', lockHeading);
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Dana' })).toBeVisible();

    const lock = options.getByRole('region', { name: 'Passphrase lock' });
    await lock.getByLabel('Current passphrase').fill(PASSPHRASE);
    await lock.getByRole('button', { name: 'Turn off the lock' }).click();
    await expectPage(lock.getByRole('status')).toHaveText(/The lock is off/);
    expect(JSON.stringify(await rapport.storage.get())).toContain('Dana');
    expect(await rapport.storage.get('session')).not.toHaveProperty('lockKey');
    await expectPage(panel.getByRole('heading', { name: 'Dana' })).toBeVisible();
  });
});
