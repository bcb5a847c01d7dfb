import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterEach(async () => {
  const everything = await rapport.storage.get();
  await rapport.storage.remove(Object.keys(everything));
});
afterAll(() => rapport?.close());

const validPatient = {
  id: 'p-rosa',
  createdAt: 1,
  updatedAt: 1,
  notes: { preferredName: 'Rosa' },
};

describe('bad input', () => {
  it('sets damaged stored data aside, says so in plain words, and keeps working', async () => {
    await rapport.storage.set({ patients: 'not a record {' });
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await expectPage(panel.getByRole('status').getByText(/Saved patient data is damaged and cannot be read/)).toBeVisible();
    await addPatient(panel, 'Sam');
    await expectPage(panel.getByRole('status').getByText(/set aside \(not deleted\)/)).toBeVisible();
    const { setAside } = await rapport.storage.get();
    expect(Object.values(setAside as Record<string, unknown>)).toEqual(['not a record {']);
    await page.close();
  });

  it('leaves one damaged record untouched while the others work', async () => {
    const damaged = { id: 'p-broken', notes: 42 };
    await rapport.storage.set({ patients: { [validPatient.id]: validPatient, 'p-broken': damaged } });
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await expectPage(panel.getByText('1 saved patient record is damaged. Rapport leaves it untouched.')).toBeVisible();
    await panel.getByRole('combobox', { name: 'Existing patient' }).selectOption({ label: 'Rosa' });
    await expectPage(panel.getByRole('heading', { name: 'Rosa' })).toBeVisible();
    await panel.getByRole('button', { name: 'Change patient' }).click();
    await panel.getByRole('textbox', { name: 'Preferred name' }).fill('Sam');
    await panel.getByRole('button', { name: 'Add patient' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Sam' })).toBeVisible();
    const { patients } = await rapport.storage.get();
    expect((patients as Record<string, unknown>)['p-broken']).toEqual(damaged);
    expect(Object.keys(patients as object)).toHaveLength(3);
    await page.close();
  });

  it('shows data saved by a newer Rapport read-only instead of overwriting it', async () => {
    const newer = { 'meet:abc-defg-hij': { patientId: 'p-rosa', openVisitId: null, futureField: true } };
    await rapport.storage.set({ meetings: newer, meetings$: { v: 99 } });
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await expectPage(panel.getByText(/Saved meeting link data comes from a newer version of Rapport/)).toBeVisible();
    await expectPage(panel.getByRole('alert')).toContainText('newer version of Rapport');
    const { meetings } = await rapport.storage.get();
    expect(meetings).toEqual(newer);
    await page.close();
  });

  it('says when it cannot read a call page whose markup changed, and lets the clock start by hand', async () => {
    const page = await rapport.openCall(`${MEET_URL}?changed-dom`);
    const panel = rapport.panel(page);
    await page.getByText('Enter the call').click();
    await expectPage(panel.getByText(/cannot tell whether the call has started/), { timeout: 20_000 }).toBeVisible();
    const visitTime = panel.getByRole('timer', { name: 'Visit time' });
    await expectPage(visitTime).toHaveText('–:––');
    await panel.getByRole('button', { name: 'Start clock' }).click();
    await expectPage(visitTime).toHaveText(/^0:0\d$/);
    await page.close();
  });

  it('reports a failed save in plain words, keeps what was typed, and saves once there is room', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');

    await rapport.storage.fill(0);
    const why = panel.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true });
    await why.fill('Play golf with his brother again');
    await expectPage(panel.getByRole('alert')).toContainText('storage for Rapport is full');
    await why.blur();
    await expectPage(why).toHaveValue('Play golf with his brother again');
    await expectPage(panel.getByRole('heading', { name: 'Sam' })).toBeVisible();

    await rapport.storage.remove(['ballast']);
    await why.fill('Play golf with his brother again!');
    await expectPage(panel.getByRole('alert')).toHaveCount(0);
    await expect
      .poll(async () => Object.values((await rapport.storage.get()).patients as Record<string, { notes: { why: string } }>)[0]?.notes.why)
      .toBe('Play golf with his brother again!');
    await page.close();
  });
});
