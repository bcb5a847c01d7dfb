import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);

describe('visit clock and talk time', () => {
  it('starts the visit clock when the call is joined', async () => {
    const page = await rapport.openCall('https://meet.google.com/abc-defg-hij');
    const visitTime = rapport.panel(page).getByRole('timer', { name: 'Visit time' });
    await expectPage(visitTime).toHaveText('–:––');
    await page.getByRole('button', { name: 'Join now' }).click();
    await expectPage(visitTime).toSatisfy((timer) => timer.innerText(), (text) => /^\d+:\d\d$/.test(text) && seconds(text) >= 1);
    await page.close();
  });

  it('times the opening statement until the therapist takes the floor, with the evidence marks', async () => {
    const page = await rapport.openCall('https://meet.google.com/xyz-wxyz-xyz');
    const panel = rapport.panel(page);
    const opening = panel.getByRole('timer', { name: /Opening/ });
    await expectPage(opening).toHaveText('–:––');
    for (const mark of ['18 s', '90 s', '150 s']) await expectPage(panel.getByText(mark, { exact: true })).toBeVisible();

    await panel.getByRole('button', { name: 'Start opening' }).click();
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    await expectPage(panel.getByText('Keep listening: most clinicians cut in around 18 seconds.')).toBeVisible();
    await expectPage(opening).toSatisfy((timer) => timer.innerText(), (text) => seconds(text) >= 1);

    await panel.getByRole('button', { name: 'I’m talking' }).click();
    await expectPage(panel.getByRole('button', { name: 'Restart opening' })).toBeVisible();
    await expectPage(panel.getByText(/^Their opening statement lasted \d+ seconds?\.$/)).toBeVisible();
    const stoppedAt = await opening.innerText();
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toSatisfy((t) => t.innerText(), (text) => seconds(text) >= seconds(stoppedAt) + 1);
    expect(await opening.innerText()).toBe(stoppedAt);
    await page.close();
  });

  it('accumulates each side’s talk from the buttons and the keyboard, and shows the talk share meter', async () => {
    const page = await rapport.openCall('https://app.zoom.us/wc/555555555/join');
    const panel = rapport.panel(page);
    const meter = panel.getByRole('meter', { name: /talk share/ });
    await expectPage(meter).toHaveAttribute('aria-valuetext', 'No talk recorded yet');

    const patient = panel.getByRole('button', { name: 'Patient talking' });
    const therapist = panel.getByRole('button', { name: 'I’m talking' });
    await patient.click();
    await expectPage(patient).toHaveAttribute('aria-pressed', 'true');
    await expectPage(panel.getByText(/^Patient 0:0[1-9]/)).toBeVisible();
    await therapist.click();
    await expectPage(patient).toHaveAttribute('aria-pressed', 'false');
    await expectPage(therapist).toHaveAttribute('aria-pressed', 'true');
    await expectPage(meter).toSatisfy((m) => m.getAttribute('aria-valuenow'), (value) => Number(value) > 0 && Number(value) < 100);

    // The same actions from the keyboard while the panel has focus.
    await panel.getByRole('heading', { name: 'Talk time' }).click();
    await page.keyboard.press('Alt+Shift+T');
    await expectPage(therapist).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Alt+Shift+P');
    await expectPage(patient).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Alt+Shift+O');
    await expectPage(panel.getByRole('button', { name: 'Stop opening' })).toBeVisible();
    await page.close();
  });
});
