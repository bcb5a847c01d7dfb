import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterEach(() => rapport.reset());
afterAll(() => rapport?.close());

describe('patient data safety', () => {
  it('deletes a patient for good after a confirmation, and their call panel starts afresh', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Dana');
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Visit summary' })).toBeVisible();
    // The link remembers Dana: the next visit on it is hers, and open.
    await page.reload();
    await expectPage(rapport.panel(page).getByRole('heading', { name: /^Last time, / })).toBeVisible();

    const options = await rapport.openExtensionPage('options.html');
    const patients = options.getByRole('region', { name: 'Patients' });
    await patients.getByRole('button', { name: 'Dana 1 visit' }).click();
    await options.getByRole('button', { name: 'Delete this patient…' }).click();
    const question = options.getByRole('group', { name: 'Delete Dana for good?' });
    await expectPage(question).toContainText('Dana’s notes and 1 visit');
    await expectPage(question).toContainText('Export this patient');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expectPage(question).toBeHidden();
    expect(Object.keys((await rapport.storage.get()).patients as object)).toHaveLength(1);

    await options.getByRole('button', { name: 'Delete this patient…' }).click();
    await question.getByRole('button', { name: 'Delete Dana and 1 visit for good' }).click();
    await expectPage(patients.getByRole('status')).toHaveText('Dana was deleted. 0 patients');
    await expectPage(patients.getByRole('button', { name: /^Dana/ })).toHaveCount(0);

    // The call's panel follows storage: no patient, a fresh visit, the first view again.
    const after = rapport.panel(page);
    await expectPage(after.getByRole('textbox', { name: 'Preferred name' })).toBeVisible();
    await expectPage(after.getByRole('heading', { name: 'Dana' })).toHaveCount(0);
    const stored = await rapport.storage.get();
    expect(stored.patients).toEqual({});
    expect(JSON.stringify(stored)).not.toContain('Dana');
  });

  it('shows one calm notice once a write leaves storage nearly full, and stops once there is room', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');
    const notice = panel.getByRole('status').getByText(/storage in this browser is nearly full/);
    await expectPage(notice).toHaveCount(0);

    await rapport.storage.fill(1_000_000);
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await expectPage(notice).toBeVisible();
    await expectPage(notice).toContainText('Export a backup');
    await expectPage(panel.getByRole('alert')).toHaveCount(0);
    const options = await rapport.openExtensionPage('options.html');
    await expectPage(options.getByRole('status').getByText(/storage in this browser is nearly full/)).toBeVisible();

    await rapport.storage.remove(['ballast']);
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).uncheck();
    await expectPage(notice).toHaveCount(0);
  });

  it('removes old visits automatically once the therapist chooses a period and confirms the count', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Rosa');
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Visit summary' })).toBeVisible();
    // Make that visit's end seven months ago, as the background would have written it then.
    const stored = await rapport.storage.get();
    const [visitId, line] = Object.entries(stored.visitIndex as Record<string, { endedAt: number }>)[0]!;
    const longAgo = Date.now() - 7 * 31 * 24 * 60 * 60 * 1000;
    const visit = stored[`visit:${visitId}`] as { endedAt: number; startedAt: number };
    await rapport.storage.set({
      [`visit:${visitId}`]: { ...visit, startedAt: longAgo - 60_000, endedAt: longAgo },
      visitIndex: { [visitId]: { ...line, startedAt: longAgo - 60_000, endedAt: longAgo } },
    });

    const options = await rapport.openExtensionPage('options.html');
    const section = options.getByRole('region', { name: 'Old visits' });
    await expectPage(section.getByRole('status')).toHaveText('No visits have been removed automatically.');
    const period = section.getByRole('combobox', { name: 'Remove visits older than' });
    // Nothing goes before the therapist confirms the count; Cancel keeps every visit.
    await period.selectOption({ label: '6 months' });
    const question = section.getByRole('group', { name: 'Remove visits older than 6 months?' });
    await expectPage(question).toContainText('This removes 1 visit now');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expectPage(question).toBeHidden();
    await expectPage(period).toHaveValue('off');
    expect(await rapport.storage.get()).toHaveProperty(`visit:${visitId}`);

    await period.selectOption({ label: '6 months' });
    await question.getByRole('button', { name: 'Remove 1 visit' }).click();
    await expectPage(section.getByRole('status')).toHaveText(/^Last removal: 1 visit on /);
    const after = await rapport.storage.get();
    expect(after[`visit:${visitId}`]).toBeUndefined();
    // Only that visit goes: the call panel that showed it may have opened a fresh one meanwhile.
    expect(after.visitIndex).not.toHaveProperty(visitId);
    expect(Object.values(after.visitIndex as Record<string, { endedAt: number | null }>).every((entry) => entry.endedAt === null)).toBe(true);
    expect(Object.values(after.patients as object)).toHaveLength(1);
  });
});
