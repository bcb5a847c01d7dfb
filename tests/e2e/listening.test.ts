import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, listen, startRapport, storedSegments, type Rapport } from './harness.ts';

const scenario = resolve(import.meta.dirname, '../fixtures/audio/clean');

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport({ microphoneWav: resolve(scenario, 'therapist.wav') });
});
afterAll(() => rapport?.close());

/** The toolbar button clicked on a tab: the browser passes the tab, with its address thanks to activeTab. */
async function clickToolbarButton(on: Rapport, tab: { id: number; url: string }) {
  await on.browser.worker!.evaluate((clicked) => {
    const action = (globalThis as unknown as { chrome: { action: { onClicked: { dispatch(tab: object): void } } } }).chrome.action;
    action.onClicked.dispatch(clicked);
  }, tab);
}

/** Seconds shown for one side in the totals line ("Patient 0:12 · You 0:07"). */
function seconds(totals: string, side: 'Patient' | 'You'): number {
  const match = new RegExp(`${side} (\\d+):(\\d+)`).exec(totals);
  if (!match) throw new Error(`no ${side} time in "${totals}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('automatic talk time from the call and the microphone', () => {
  it('lets the therapist allow the microphone once, on the options page', async () => {
    const options = await rapport.openExtensionPage('options.html');
    const section = options.getByRole('region', { name: 'Microphone for automatic talk time' });
    await section.getByRole('button', { name: 'Allow the microphone' }).click();
    await expectPage(section.getByRole('status')).toHaveText('Rapport may use your microphone for talk time.');
    await expectPage(section.getByText('Allowed.', { exact: true })).toBeVisible();
    await options.close();
  });

  it('hears both sides, keeps the call audible, and stops when the call ends', async () => {
    const page = await rapport.openCall('https://meet.google.com/abc-defg-hij?patient-audio=clean');
    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');
    const tabId = await rapport.tabIdOf(page);
    const status = panel.getByRole('region', { name: 'Talk time' }).getByRole('status').first();
    await expectPage(status).toContainText('Tracked by hand.');

    await listen(rapport, tabId);
    await page.getByRole('button', { name: 'Join now' }).click();
    await expectPage(status).toHaveText('Listening to you and the call: talk time runs by itself. No sound is kept.');
    const state = async () => ((await rapport.storage.get('session')).listening as Record<string, { playback: boolean }>)[String(tabId)];

    // The patient's voice comes from the call tab and the therapist's from the microphone.
    const totals = panel.locator('.totals');
    await expectPage(totals, { timeout: 30_000 }).toHaveText(/Patient 0:0[3-9]/);
    await expectPage(totals, { timeout: 30_000 }).toHaveText(/You 0:0[1-9]/);
    // The call stays audible: its sound, captured away from the tab, flows to the speakers from Rapport's audio page.
    await expect.poll(async () => (await state())?.playback, { timeout: 10_000 }).toBe(true);
    expect((await storedSegments(rapport)).filter((s) => s.source === 'auto').map((s) => s.speaker)).toEqual(expect.arrayContaining(['patient', 'therapist']));

    await page.getByRole('button', { name: 'Leave call' }).click();
    await expectPage(status, { timeout: 15_000 }).toContainText('Tracked by hand.');
    expect(await state()).toBeUndefined();
    const frozen = await totals.textContent();
    // Nothing heard after the call: the totals stay as they were once a second has passed on the visit clock.
    const clock = panel.getByRole('timer', { name: 'Visit time' });
    const before = await clock.textContent();
    await expectPage(clock).toSatisfy((timer) => timer.textContent(), (text) => text !== before);
    expect(seconds((await totals.textContent())!, 'Patient')).toBe(seconds(frozen!, 'Patient'));
    await page.close();
  });

  it('says in one line when the microphone is refused, goes on with the call alone, and the buttons still work', async () => {
    const refused = await startRapport({ microphoneWav: resolve(scenario, 'therapist.wav'), microphoneAllowed: false });
    try {
      const page = await refused.openCall('https://meet.google.com/abc-defg-hij?patient-audio=clean');
      const panel = refused.panel(page);
      await addPatient(panel, 'Robin');
      await clickToolbarButton(refused, { id: await refused.tabIdOf(page), url: page.url() });
      await page.getByRole('button', { name: 'Join now' }).click();
      const talk = panel.getByRole('region', { name: 'Talk time' });
      await expectPage(talk.getByRole('status').first()).toHaveText(
        'Listening to the call only: Rapport may not use your microphone, so use “I’m talking” for yourself.',
      );
      await expectPage(talk.getByRole('button', { name: 'Allow the microphone' })).toBeVisible();
      await expectPage(panel.locator('.totals'), { timeout: 30_000 }).toHaveText(/Patient 0:0[2-9]/);
      await talk.getByRole('button', { name: 'I’m talking' }).click();
      await expectPage(talk.getByRole('button', { name: 'I’m talking' })).toHaveAttribute('aria-pressed', 'true');
      await talk.getByRole('button', { name: 'Stop listening' }).click();
      await expectPage(talk.getByRole('status').first()).toContainText('Tracked by hand.');
    } finally {
      await refused.close();
    }
  });
});
