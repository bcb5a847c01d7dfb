import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const layout1 = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/storage/layout-1.json'), 'utf8')) as Record<string, unknown>;

describe('stored data from an earlier Rapport', () => {
  it('is brought to this layout when the background starts, and everything shows as before', async () => {
    const options = await rapport.openExtensionPage('options.html');
    await rapport.storage.remove(Object.keys(await rapport.storage.get()));
    await rapport.storage.set(layout1);
    // The worker stops; the next call page wakes it, and it updates the stored data as it starts.
    const devtools = await rapport.browser.context.newCDPSession(options);
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    await devtools.detach();
    const call = await rapport.openCall(MEET_URL);
    await expect.poll(async () => (await rapport.storage.get()).storageVersion, { timeout: 10_000, interval: 50 }).toEqual({ v: 2 });
    const stored = await rapport.storage.get();
    expect(stored).not.toHaveProperty('visits');
    expect(stored['visit:v-finished']).toEqual((layout1.visits as Record<string, unknown>)['v-finished']);

    // The open visit goes on in the call; the finished one is in Sam's history.
    const panel = rapport.panel(call);
    await expectPage(panel.getByRole('heading', { name: 'Sam' })).toBeVisible();
    await options.reload();
    await options.getByRole('button', { name: 'Sam 1 visit', exact: true }).click();
    await expectPage(options.getByRole('table').getByRole('row')).toHaveCount(2);
    await Promise.all([call.close(), options.close()]);
  });
});
