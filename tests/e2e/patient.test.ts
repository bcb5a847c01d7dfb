import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe('the patient at the top of the panel', () => {
  it('creates the patient from a preferred name, then shows how to greet them', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    const name = panel.getByRole('textbox', { name: 'Preferred name' });
    await name.fill('Sam');
    await name.press('Enter');
    await expectPage(panel.getByRole('heading', { name: 'Sam' })).toBeVisible();

    await panel.getByRole('button', { name: 'Edit details' }).click();
    await panel.getByRole('textbox', { name: 'How to say their name' }).fill('SAM');
    await panel.getByRole('textbox', { name: 'Pronouns' }).fill('he/him');
    await panel.getByRole('textbox', { name: 'Language', exact: true }).fill('Portuguese');
    await panel.getByRole('textbox', { name: 'Greeting in their language' }).fill('Olá, tudo bem?');
    await panel.getByRole('textbox', { name: 'Hobbies' }).fill('Golf, grandkids');
    await panel.getByRole('button', { name: 'Edit details' }).click();

    await expectPage(panel.getByRole('heading', { name: 'Sam (he/him)' })).toBeVisible();
    await expectPage(panel.getByRole('definition').filter({ hasText: 'SAM' })).toBeVisible();
    await expectPage(panel.getByRole('term').filter({ hasText: 'Greeting in Portuguese' })).toBeVisible();
    await expectPage(panel.getByRole('definition').filter({ hasText: 'Olá, tudo bem?' })).toBeVisible();
    await expectPage(panel.getByRole('definition').filter({ hasText: 'Golf, grandkids' })).toBeVisible();

    // A recurring link remembers its patient, also for the next visit on it.
    await page.reload();
    await expectPage(rapport.panel(page).getByRole('heading', { name: 'Sam (he/him)' })).toBeVisible();
    await rapport.panel(page).getByRole('button', { name: 'End visit' }).click();
    await rapport.panel(page).getByRole('button', { name: 'Yes, end visit' }).click();
    await rapport.panel(page).getByRole('button', { name: 'Start a new visit' }).click();
    await expectPage(rapport.panel(page).getByRole('button', { name: 'End visit' })).toBeVisible();
    await expectPage(rapport.panel(page).getByRole('heading', { name: 'Sam (he/him)' })).toBeVisible();
    await page.close();
  });

  it('picks an existing patient from a combobox on another meeting, and can change it', async () => {
    const first = await rapport.openCall('https://meet.google.com/xyz-wxyz-xyz');
    const panel = rapport.panel(first);
    await panel.getByRole('textbox', { name: 'Preferred name' }).fill('Rosa');
    await panel.getByRole('button', { name: 'Add patient' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Rosa' })).toBeVisible();
    await first.close();

    const zoom = await rapport.openCall('https://app.zoom.us/wc/123456789/join');
    const zoomPanel = rapport.panel(zoom);
    await expectPage(zoomPanel.getByRole('textbox', { name: 'Preferred name' })).toBeVisible();
    await zoomPanel.getByRole('combobox', { name: 'Existing patient' }).selectOption({ label: 'Rosa' });
    await expectPage(zoomPanel.getByRole('heading', { name: 'Rosa' })).toBeVisible();

    await zoomPanel.getByRole('button', { name: 'Change patient' }).click();
    await zoomPanel.getByRole('combobox', { name: 'Existing patient' }).selectOption({ label: 'Sam' });
    await expectPage(zoomPanel.getByRole('heading', { name: /^Sam/ })).toBeVisible();
    await zoom.reload();
    await expectPage(rapport.panel(zoom).getByRole('heading', { name: /^Sam/ })).toBeVisible();
    await zoom.close();
  });
});
