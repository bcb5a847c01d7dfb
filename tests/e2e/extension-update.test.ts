import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

// Its own browser: reloading the extension ends every extension page the other tests hold.
let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe('when the extension is updated or reloaded during a call', () => {
  it('takes its frame off the call page, which the old script can no longer serve', async () => {
    const page = await rapport.openCall(MEET_URL);
    await expectPage(rapport.panel(page).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    // As an update does: the running extension goes away, and open call pages keep the old script.
    await rapport.browser.worker!
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
      .catch(() => undefined);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await expectPage(page.getByRole('button', { name: 'Join now' })).toBeVisible();
    await page.close();
  });
});
