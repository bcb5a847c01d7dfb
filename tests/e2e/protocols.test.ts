import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe('editable protocols', () => {
  it('an edit saved on the options page shows in a running call’s panel, and a visit can switch protocol', async () => {
    const call = await rapport.openCall('https://meet.google.com/pro-toco-lsx');
    const panel = rapport.panel(call);
    await addPatient(panel, 'Ines');
    await expectPage(panel.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeVisible();
    // One protocol only: no picker in the panel.
    await expectPage(panel.getByRole('combobox', { name: 'Protocol for this visit' })).toHaveCount(0);

    const options = await rapport.openExtensionPage('options.html');
    const protocols = options.getByRole('region', { name: 'Checklist protocols' });
    await protocols.getByRole('button', { name: 'Edit: Evidence-based default' }).click();
    const editor = options.getByRole('form', { name: 'Edit protocol' });
    await editor.getByRole('textbox', { name: 'Practice 1 in Beginning and the why' }).fill('Welcome them back by name');
    await editor.getByRole('button', { name: 'Move down: Welcome them back by name' }).click();
    await editor.getByRole('button', { name: 'Add a practice: section Closing' }).click();
    await editor.getByRole('textbox', { name: 'Practice 4 in Closing' }).fill('Agree on the home programme');
    await editor.getByRole('button', { name: 'Remove: Book the next visit' }).click();
    await editor.getByRole('button', { name: 'Save protocol' }).click();
    await expectPage(protocols.getByRole('status')).toHaveText('Saved “Evidence-based default”.');

    // The running call's panel follows at once, keeping the item's tick meaning (its id stays).
    await expectPage(panel.getByRole('checkbox', { name: 'Welcome them back by name' })).toBeVisible();
    await expectPage(panel.getByRole('checkbox', { name: 'Agree on the home programme' })).toBeVisible();
    await expectPage(panel.getByRole('checkbox', { name: 'Book the next visit' })).toHaveCount(0);
    const beginning = panel.getByRole('listitem').filter({ has: panel.getByRole('checkbox') });
    await expectPage(beginning.nth(0)).toContainText('Show you read their intake');
    await expectPage(beginning.nth(1)).toContainText('Welcome them back by name');

    // A second protocol, made from a copy, picked for this visit in the panel.
    await protocols.getByRole('button', { name: 'New protocol' }).click();
    await editor.getByRole('textbox', { name: 'Protocol name' }).fill('Discharge');
    for (const section of ['Their perspective', 'Empathy', 'Shared decision', 'Goals', 'Closing']) {
      await editor.getByRole('button', { name: `Remove: section ${section}` }).click();
    }
    await editor.getByRole('textbox', { name: 'Title of section 1' }).fill('Looking back');
    await editor.getByRole('button', { name: 'Save protocol' }).click();
    await expectPage(protocols.getByRole('status')).toHaveText('Saved “Discharge”.');
    const picker = panel.getByRole('combobox', { name: 'Protocol for this visit' });
    await picker.selectOption({ label: 'Discharge' });
    await expectPage(panel.getByRole('button', { name: /^Looking back 0 of 5$/ })).toBeVisible();
    await expectPage(panel.getByRole('button', { name: /^Goals / })).toHaveCount(0);

    // Reset brings the evidence-based checklist back, with its sources.
    await protocols.getByRole('button', { name: 'Edit: Evidence-based default' }).click();
    await editor.getByRole('button', { name: 'Reset to the evidence-based default' }).click();
    await expectPage(editor.getByRole('status')).toContainText('Save to keep them.');
    await editor.getByRole('button', { name: 'Save protocol' }).click();
    await picker.selectOption({ label: 'Evidence-based default' });
    await expectPage(panel.getByRole('checkbox', { name: 'Book the next visit' })).toBeVisible();
    await expectPage(panel.getByText('Where these practices come from')).toBeVisible();
    await options.close();
    await call.close();
  });

  it('exports a protocol and imports it as a new one; a wrong file is named and nothing changes', async () => {
    const options = await rapport.openExtensionPage('options.html');
    const protocols = options.getByRole('region', { name: 'Checklist protocols' });
    const [download] = await Promise.all([options.waitForEvent('download'), protocols.getByRole('button', { name: 'Export: Discharge' }).click()]);
    expect(download.suggestedFilename()).toBe('rapport-protocol-discharge.json');
    const before = (await rapport.storage.get()).protocols;

    await protocols.getByLabel('Import a protocol file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"rapport-backup","version":1}') });
    await expectPage(protocols.getByRole('alert')).toHaveText('This file is not a Rapport protocol. It is a Rapport backup: restore it under “Backup” instead.');
    expect((await rapport.storage.get()).protocols).toEqual(before);

    await protocols.getByLabel('Import a protocol file').setInputFiles((await download.path())!);
    await expectPage(protocols.getByRole('status')).toHaveText('Imported as a new protocol, “Discharge (2)”.');
    await expectPage(protocols.getByRole('button', { name: 'Delete: Discharge (2)' })).toBeVisible();
    await expectPage(protocols.getByRole('button', { name: 'Delete: Discharge', exact: true })).toBeVisible();
    await options.close();
  });
});
