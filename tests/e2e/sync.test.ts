import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const WITHIN_A_SECOND = { timeout: 1000 };

describe('the same visit everywhere', () => {
  it('survives a reload, and a change in one tab or the side panel shows in the others within a second', async () => {
    const first = await rapport.openCall(MEET_URL);
    const a = rapport.panel(first);
    await addPatient(a, 'Sam');
    await a.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await a.getByRole('button', { name: 'Patient talking' }).click();

    await first.reload();
    const reloaded = rapport.panel(first);
    await expectPage(reloaded.getByRole('heading', { name: 'Sam' })).toBeVisible();
    await expectPage(reloaded.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();
    await expectPage(reloaded.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');

    const second = await rapport.openCall(MEET_URL);
    const b = rapport.panel(second);
    await expectPage(b.getByRole('heading', { name: 'Sam' })).toBeVisible();
    await expectPage(b.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();

    await reloaded.getByRole('checkbox', { name: 'Show you read their intake' }).check();
    await expectPage(b.getByRole('checkbox', { name: 'Show you read their intake' }), WITHIN_A_SECOND).toBeChecked();

    const why = 'Find their why: what really brought them in';
    await b.getByRole('textbox', { name: why, exact: true }).fill('Stand long enough to cook dinner');
    await expectPage(reloaded.getByRole('textbox', { name: why, exact: true }), WITHIN_A_SECOND).toHaveValue('Stand long enough to cook dinner');

    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(first)}`);
    await expectPage(side.getByRole('heading', { name: 'Sam' })).toBeVisible();
    await expectPage(side.getByRole('checkbox', { name: 'Show you read their intake' })).toBeChecked();
    await side.getByRole('button', { name: 'I’m talking' }).click();
    await expectPage(reloaded.getByRole('button', { name: 'I’m talking' }), WITHIN_A_SECOND).toHaveAttribute('aria-pressed', 'true');
    await expectPage(b.getByRole('button', { name: 'Patient talking' }), WITHIN_A_SECOND).toHaveAttribute('aria-pressed', 'false');
    await side.getByRole('checkbox', { name: 'Say an empathy statement' }).check();
    await expectPage(reloaded.getByRole('checkbox', { name: 'Say an empathy statement' }), WITHIN_A_SECOND).toBeChecked();
    await side.close();
    await second.close();
    await first.close();
  });

  it('follows the active call tab in the side panel, and says when there is no meeting', async () => {
    const home = await rapport.openCall('https://meet.google.com/');
    await rapport.reported(home, null);
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(home)}`);
    await expectPage(side.getByText('Open a Google Meet or Zoom meeting in this window to see its visit here.')).toBeVisible();
    await home.getByRole('link', { name: 'Join abc-defg-hij' }).click();
    await expectPage(side.getByRole('heading', { name: 'Sam' })).toBeVisible();
    await side.close();
    await home.close();
  });
});
