import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterEach(() => rapport.reset());
afterAll(() => rapport?.close());

const patientsRegion = (page: Page) => page.getByRole('region', { name: 'Patients' });
const status = (page: Page) => patientsRegion(page).getByRole('status');
const rows = (page: Page) => patientsRegion(page).getByRole('list').getByRole('listitem');

const nameOf = (n: number) => `Patient ${String(n).padStart(3, '0')}`;
const patientRecord = (id: string, preferredName: string) => ({ id, createdAt: 1, updatedAt: 1, notes: { preferredName } });
const indexLine = (id: string, patientId: string, endedAt: number) => ({
  id,
  patientId,
  meetingKey: 'meet:abc-defg-hij',
  createdAt: endedAt - 60_000,
  startedAt: endedAt - 60_000,
  endedAt,
  practicesDone: 3,
  therapistShare: 0.4,
  openingMs: 60_000,
  selfCheck: null,
  goals: null,
  goalReview: {},
});

describe('the options page’s patient list', () => {
  it('lists the first 100 patients from the directory, shows all on request, and finds any patient by name', async () => {
    const patients: Record<string, unknown> = {};
    const directory: Record<string, unknown> = {};
    for (let n = 150; n >= 1; n--) {
      patients[`p${n}`] = patientRecord(`p${n}`, nameOf(n));
      // Visit counts come from the directory alone: no visit index is stored.
      directory[`p${n}`] = { preferredName: nameOf(n), visits: n % 4, lastVisitAt: n % 4 ? 1_700_000_000_000 : null };
    }
    await rapport.storage.set({ patients, 'patients$': { v: 1 }, patientDirectory: directory, 'patientDirectory$': { v: 1 } });

    const options = await rapport.openExtensionPage('options.html');
    await expectPage(status(options)).toHaveText('150 patients; showing 100');
    await expectPage(rows(options)).toHaveCount(100);
    await expectPage(rows(options).first().getByRole('button', { name: `${nameOf(1)} 1 visit`, exact: true })).toBeVisible();
    await expectPage(patientsRegion(options).getByRole('button', { name: `${nameOf(100)} 0 visits`, exact: true })).toBeVisible();
    expect(await patientsRegion(options).getByRole('button', { name: nameOf(101) }).count()).toBe(0);

    // Search runs over every name, not only those shown.
    const search = options.getByRole('searchbox', { name: 'Search patients' });
    await search.fill('patient 14');
    await expectPage(status(options)).toHaveText('10 of 150 patients match');
    await search.fill('Patient 142');
    await expectPage(status(options)).toHaveText('1 of 150 patients match');
    await patientsRegion(options).getByRole('button', { name: `${nameOf(142)} 2 visits`, exact: true }).click();
    await expectPage(options.getByRole('heading', { name: nameOf(142), level: 2 })).toBeVisible();

    // Everyone, on request; focus goes to the first patient the button added.
    await search.fill('');
    await expectPage(status(options)).toHaveText('150 patients; showing 100');
    await patientsRegion(options).getByRole('button', { name: 'Show all 150 patients' }).click();
    await expectPage(rows(options)).toHaveCount(150);
    await expectPage(status(options)).toHaveText('150 patients');
    await expectPage(options.getByRole('button', { name: `${nameOf(101)} 1 visit`, exact: true })).toSatisfy(
      (button) => button.evaluate((el) => el === document.activeElement),
      Boolean,
    );
    expect(await patientsRegion(options).getByRole('button', { name: /^Show all/ }).count()).toBe(0);
    await options.close();
  });

  it('lists patients stored before the directory existed, and the background builds it when it starts', async () => {
    await rapport.storage.set({
      patients: { 'p-ada': patientRecord('p-ada', 'Ada'), 'p-ben': patientRecord('p-ben', 'Ben') },
      'patients$': { v: 1 },
      visitIndex: { v1: indexLine('v1', 'p-ada', 1_700_000_000_000), v2: indexLine('v2', 'p-ada', 1_700_000_100_000) },
      'visitIndex$': { v: 1 },
    });
    // Until the background has built it, the page derives the list from the patients and the index.
    const options = await rapport.openExtensionPage('options.html');
    await expectPage(status(options)).toHaveText('2 patients');
    await expectPage(options.getByRole('button', { name: 'Ada 2 visits', exact: true })).toBeVisible();
    await expectPage(options.getByRole('button', { name: 'Ben 0 visits', exact: true })).toBeVisible();

    // The service worker stops; the next call page wakes it, and it builds the directory as it starts.
    const devtools = await rapport.browser.context.newCDPSession(options);
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    await devtools.detach();
    const call = await rapport.openCall(MEET_URL);
    await rapport.reported(call, 'meet:abc-defg-hij');
    await expect
      .poll(async () => (await rapport.storage.get()).patientDirectory, { timeout: 10_000, interval: 50 })
      .toEqual({
        'p-ada': { preferredName: 'Ada', visits: 2, lastVisitAt: 1_700_000_100_000 },
        'p-ben': { preferredName: 'Ben', visits: 0, lastVisitAt: null },
      });
    // The open page now follows the stored directory.
    await expectPage(options.getByRole('button', { name: 'Ada 2 visits', exact: true })).toBeVisible();
    await options.close();
  });

  it('shows a patient added in a call tab on an options page already open, and counts their visit when it ends', async () => {
    const options = await rapport.openExtensionPage('options.html');
    await expectPage(status(options)).toHaveText('0 patients');
    const call = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(call);
    await addPatient(panel, 'Robin');
    await expectPage(options.getByRole('button', { name: 'Robin 0 visits', exact: true })).toBeVisible();
    await expectPage(status(options)).toHaveText('1 patient');
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    await expectPage(options.getByRole('button', { name: 'Robin 1 visit', exact: true })).toBeVisible();
    const { patientDirectory } = await rapport.storage.get();
    expect(Object.values(patientDirectory as object)).toEqual([{ preferredName: 'Robin', visits: 1, lastVisitAt: expect.any(Number) }]);
    await options.close();
  });
});
