import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';
import { decodedJson } from '../support/decoded-json.ts';

describe('backup and restore', () => {
  let first: Rapport;
  let fresh: Rapport;
  beforeAll(async () => {
    [first, fresh] = await Promise.all([startRapport(), startRapport()]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), fresh?.close()]);
  });

  it('exports everything from one browser profile and imports it into a fresh one, adding without overwriting', async () => {
    const page = await first.openCall(MEET_URL);
    const panel = first.panel(page);
    await addPatient(panel, 'Sam');
    const why = panel.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true });
    await why.fill('Walk the grandkids to school');
    await why.blur();
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await panel.getByRole('button', { name: 'End visit' }).click();
    await panel.getByRole('button', { name: 'Yes, end visit' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Visit summary' })).toBeVisible();

    const options = await first.openExtensionPage('options.html');
    // A protocol of the therapist's own travels in the backup too.
    const protocols = options.getByRole('region', { name: 'Checklist protocols' });
    await protocols.getByRole('button', { name: 'New protocol' }).click();
    await options.getByRole('form', { name: 'Edit protocol' }).getByRole('textbox', { name: 'Protocol name' }).fill('Discharge');
    await options.getByRole('form', { name: 'Edit protocol' }).getByRole('button', { name: 'Save protocol' }).click();
    await expectPage(protocols.getByRole('status')).toHaveText('Saved “Discharge”.');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export everything' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-backup-\d{4}-\d\d-\d\d\.json$/);
    await expectPage(options.getByRole('status').filter({ hasText: 'Saved 1 patient and 1 visit' })).toBeVisible();
    const file = (await download.path())!;

    const restore = await fresh.openExtensionPage('options.html');
    await expectPage(restore.getByRole('region', { name: 'Patients' }).getByRole('status')).toHaveText('0 patients');
    await restore.getByLabel('Import a backup').setInputFiles(file);
    await expectPage(restore.getByText('This will add 1 patient, add 1 visit, add 1 meeting link, add 1 protocol. Nothing here is removed or overwritten.')).toBeVisible();
    await restore.getByRole('button', { name: 'Import', exact: true }).click();
    await expectPage(restore.getByRole('status').filter({ hasText: 'Imported.' })).toBeVisible();
    await expectPage(restore.getByRole('region', { name: 'Checklist protocols' }).getByRole('button', { name: 'Edit: Discharge' })).toBeVisible();
    await restore.getByRole('button', { name: 'Sam 1 visit' }).click();
    await expectPage(restore.getByRole('table').getByRole('row')).toHaveCount(2);

    // The same file again: nothing to add.
    await restore.getByLabel('Import a backup').setInputFiles(file);
    await expectPage(restore.getByText('Everything in this backup is already here.')).toBeVisible();

    // The restored meeting link remembers Sam, with the "last time" card.
    const call = await fresh.openCall(MEET_URL);
    await expectPage(fresh.panel(call).getByRole('heading', { name: /^Last time/ })).toBeVisible();
    await expectPage(fresh.panel(call).getByRole('region', { name: /^Last time/ })).toContainText('Walk the grandkids to school');
    await Promise.all([call.close(), restore.close(), options.close(), page.close()]);
  });

  it('encrypts a backup with a passphrase, refuses the wrong one, and imports with the right one', async () => {
    const options = await first.openExtensionPage('options.html');
    const backup = options.getByRole('region', { name: 'Backup' });
    await backup.getByLabel('Passphrase for the file (optional)').fill('a long passphrase');
    await backup.getByLabel('The same passphrase again').fill('a long passphrase, typo');
    await backup.getByRole('button', { name: 'Export everything' }).click();
    await expectPage(backup.getByRole('alert')).toHaveText('The two passphrases differ. Type the same one twice.');
    await backup.getByLabel('The same passphrase again').fill('a long passphrase');
    const [download] = await Promise.all([options.waitForEvent('download'), backup.getByRole('button', { name: 'Export everything' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-backup-\d{4}-\d\d-\d\d\.encrypted\.json$/);
    const file = (await download.path())!;
    const text = await readFile(file, 'utf8');
    expect(decodedJson(JSON.parse(text))).not.toContain('Sam');
    expect(JSON.parse(text)).toMatchObject({ format: 'rapport-encrypted', kdf: { name: 'PBKDF2', iterations: 600_000 }, cipher: { name: 'AES-GCM' } });

    const restore = await fresh.openExtensionPage('options.html');
    const into = restore.getByRole('region', { name: 'Backup' });
    await into.getByLabel('Import a backup').setInputFiles(file);
    await into.getByLabel('This backup is encrypted. Its passphrase').fill('not the passphrase');
    await into.getByRole('button', { name: 'Decrypt' }).click();
    await expectPage(into.getByRole('alert')).toHaveText('Wrong passphrase, or the file was changed after it was saved. Nothing was imported.');
    await into.getByLabel('This backup is encrypted. Its passphrase').fill('a long passphrase');
    await into.getByRole('button', { name: 'Decrypt' }).click();
    await expectPage(into.getByText(/This will add|Everything in this backup is already here/)).toBeVisible();
    await Promise.all([options.close(), restore.close()]);
  });

  it('names the problem in a damaged file and imports nothing', async () => {
    const broken = join(tmpdir(), `rapport-broken-${process.pid}.json`);
    await writeFile(broken, '{"format":"rapport-backup","version":1,"exportedAt":1,"patients":{"p1":{"id":"p1","createdAt":"soon"}},"visits":{},"meetings":{}}');
    const restore = await fresh.openExtensionPage('options.html');
    await restore.getByLabel('Import a backup').setInputFiles(broken);
    await expectPage(restore.getByRole('alert')).toContainText('This backup has a problem at patients → p1');
    await expectPage(restore.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await restore.close();
  });
});
