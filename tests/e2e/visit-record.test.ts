import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir } from '../support/chromium.ts';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

describe('the visit record', () => {
  let rapport: Rapport;
  beforeAll(async () => {
    rapport = await startRapport();
  });
  afterAll(() => rapport?.close());

  it('ends when the therapist leaves the call, shows the summary, copies and saves the note, and prepares the next visit', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');
    await page.getByRole('button', { name: 'Join now' }).click();
    const answer = async (item: string, text: string) => {
      const box = panel.getByRole('textbox', { name: item, exact: true });
      await box.fill(text);
      await box.blur();
    };
    await panel.getByRole('checkbox', { name: 'Find their why: what really brought them in' }).check();
    await answer('Find their why: what really brought them in', 'Walk his grandkids to school again');
    await panel.getByRole('checkbox', { name: 'Explain how pain works (pain neuroscience education)' }).check();
    await answer('Agree on a long-term North Star goal', 'Stand 30 minutes without pain');
    await answer('Set short-term goals with a timeframe', 'Exercises 5x a week for 2 weeks');
    await answer('Note something personal to ask about next time', 'the golf game');
    await panel.getByRole('button', { name: 'Start opening' }).click();
    await expectPage(panel.getByText(/^Patient 0:0[1-9]/)).toBeVisible();
    await panel.getByRole('button', { name: 'I’m talking' }).click();

    await page.getByRole('button', { name: 'Leave call' }).click();
    await expectPage(panel.getByRole('heading', { name: 'The call has ended' })).toBeVisible();
    await panel.getByRole('region', { name: 'The call has ended' }).getByRole('button', { name: 'End visit' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Visit summary' })).toBeVisible();
    await panel.getByRole('textbox', { name: 'Follow-up' }).fill('in two weeks');
    const note = panel.getByRole('textbox', { name: 'Note for the record' });
    await expectPage(note).toSatisfy((box) => box.inputValue(), (text) => text.includes('Follow-up: in two weeks'));
    const text = await note.inputValue();
    for (const line of [
      "Patient's reason for coming (their why): Walk his grandkids to school again",
      'Long-term goal: Stand 30 minutes without pain',
      'Short-term goals: Exercises 5x a week for 2 weeks',
      'Education: pain neuroscience education',
      'To ask about next time: the golf game',
      'Alliance practices covered: 2 of 23',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/^Opening statement: 0:0\d before the therapist took the floor$/m);

    await rapport.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://meet.google.com' });
    await panel.getByRole('button', { name: 'Copy note' }).click();
    await expectPage(panel.getByRole('status').filter({ hasText: 'Note copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download .txt' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^visit-note-\d{4}-\d\d-\d\d\.txt$/);
    expect(await readFile((await download.path())!, 'utf8')).toBe(text);

    // The same meeting link next time opens with the "last time" card.
    await page.reload();
    const next = rapport.panel(page);
    await expectPage(next.getByRole('heading', { name: /^Last time, / })).toBeVisible();
    const card = next.getByRole('region', { name: /^Last time/ });
    await expectPage(card).toContainText('Walk his grandkids to school again');
    await expectPage(card).toContainText('North Star: Stand 30 minutes without pain');
    await expectPage(card).toContainText('the golf game');
    await expectPage(next.getByRole('heading', { name: 'Sam' })).toBeVisible();

    // This visit reviews last time's goal, ends, and the therapist rates it.
    await next.getByRole('button', { name: 'North Star: Reviewed' }).click();
    await expectPage(next.getByRole('button', { name: 'North Star: Reviewed' })).toHaveAttribute('aria-pressed', 'true');
    await next.getByRole('button', { name: 'End visit' }).click();
    await next.getByRole('button', { name: 'Yes, end visit' }).click();
    await next.getByText('Quick self-check (optional)').click();
    await next.getByRole('group', { name: 'We agree on what they want to get back to' }).getByRole('radio', { name: '4' }).check();
    await next.getByRole('group', { name: 'They seemed heard and understood' }).getByRole('radio', { name: '5' }).check();
    await expectPage(next.getByRole('group', { name: 'They seemed heard and understood' }).getByRole('radio', { name: '5' })).toBeChecked();

    // History: trends with text equivalents, each visit's figures, and the goal's story.
    await next.getByRole('button', { name: 'History' }).click();
    await expectPage(next.getByRole('table').getByRole('row')).toHaveCount(3);
    await expectPage(next.getByRole('img', { name: /^Your talk share: \d+%, oldest first$/ })).toBeVisible();
    await expectPage(next.getByRole('img', { name: 'Your self-check: 4.5 of 5, oldest first' })).toBeVisible();
    const northStar = next.getByRole('list').filter({ hasText: 'Set: Stand 30 minutes without pain' });
    await expectPage(northStar).toContainText('Reviewed');

    // The options page shows the same history.
    const options = await rapport.openExtensionPage('options.html');
    await options.getByRole('searchbox', { name: 'Search patients' }).fill('sa');
    await options.getByRole('button', { name: 'Sam 2 visits' }).click();
    await expectPage(options.getByRole('heading', { name: 'Sam', level: 2 })).toBeVisible();
    await expectPage(options.getByRole('table').getByRole('row')).toHaveCount(3);

    // Their notes are edited there with the panel's fields, and the running panel shows the change.
    const selected = options.getByRole('region', { name: 'Sam', exact: true });
    await selected.getByRole('button', { name: 'Edit details' }).click();
    const edit = async (label: string, text: string) => {
      const box = selected.getByRole('textbox', { name: label, exact: true });
      await box.fill(text);
      await box.blur();
    };
    await expectPage(selected.getByRole('textbox', { name: 'To ask about next time', exact: true })).toHaveValue('the golf game');
    await edit('To ask about next time', 'the golf game and his new knee brace');
    await edit('How to say their name', 'SAM');
    await edit('Preferred name', 'Sammy');
    await expectPage(options.getByRole('heading', { name: 'Sammy', level: 2 })).toBeVisible();
    await expectPage(next.getByRole('heading', { name: 'Sammy', exact: true })).toBeVisible();
    await expectPage(next.getByText('SAM', { exact: true })).toBeVisible();

    // Stored: the page opened again shows them.
    await options.reload();
    await options.getByRole('button', { name: 'Sammy 2 visits' }).click();
    await options.getByRole('region', { name: 'Sammy', exact: true }).getByRole('button', { name: 'Edit details' }).click();
    await expectPage(options.getByRole('textbox', { name: 'To ask about next time', exact: true })).toHaveValue('the golf game and his new knee brace');

    // The About section names the version that runs.
    const { version } = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as { version: string };
    const about = options.getByRole('region', { name: 'About Rapport' });
    await expectPage(about.getByRole('heading', { name: 'About Rapport', level: 2 })).toBeVisible();
    await expectPage(about.getByText(`Version ${version}`, { exact: true })).toBeVisible();
    await options.close();
    await page.close();
  });

  it('offers to end a visit left open in an earlier session, at the time it last recorded anything', async () => {
    const fourHoursAgo = Date.now() - 4 * 60 * 60 * 1000;
    const visit = {
      id: 'v-old',
      meetingKey: 'meet:xyz-wxyz-xyz',
      patientId: null,
      createdAt: fourHoursAgo - 60_000,
      startedAt: fourHoursAgo - 60_000,
      endedAt: null,
      checked: { 'greet-by-name': fourHoursAgo },
      talk: { segments: [], opening: { startedAt: null, endedAt: null } },
    };
    await rapport.storage.set({
      'visit:v-old': visit,
      meetings: { 'meet:xyz-wxyz-xyz': { patientId: null, openVisitId: 'v-old' } },
    });
    const page = await rapport.openCall('https://meet.google.com/xyz-wxyz-xyz');
    const panel = rapport.panel(page);
    await expectPage(panel.getByRole('heading', { name: 'An unfinished visit' })).toBeVisible();
    await expectPage(panel.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();
    await panel.getByRole('button', { name: 'End it then' }).click();
    await expectPage(panel.getByRole('heading', { name: 'Visit summary' })).toBeVisible();
    await expectPage(panel.getByRole('definition').filter({ hasText: /^1:00$/ })).toBeVisible();
    await page.close();
  });
});

describe('a browser that dies mid-visit', () => {
  it('recovers the visit, with its checklist, answers and timings, next time', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'rapport-crash-'));
    try {
      const first = await startRapport({ userDataDir: profile });
      const page = await first.openCall(MEET_URL);
      const panel = first.panel(page);
      await addPatient(panel, 'Sam');
      await page.getByRole('button', { name: 'Join now' }).click();
      await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
      const why = panel.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true });
      await why.fill('Sleep through the night');
      await why.blur();
      await panel.getByRole('button', { name: 'Patient talking' }).click();
      await expect.poll(async () => JSON.stringify(await first.storage.get())).toContain('Sleep through the night');
      // No goodbye: the browser process is killed the way a crash ends it.
      execFileSync('pkill', ['-9', '-f', `user-data-dir=${profile}`]);
      await first.close().catch(() => undefined);

      const second = await startRapport({ userDataDir: profile });
      try {
        const again = await second.openCall(MEET_URL);
        const recovered = second.panel(again);
        await expectPage(recovered.getByRole('heading', { name: 'Sam' })).toBeVisible();
        await expectPage(recovered.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();
        await expectPage(recovered.getByRole('textbox', { name: 'Find their why: what really brought them in', exact: true })).toHaveValue('Sleep through the night');
        await expectPage(recovered.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
        await expectPage(recovered.getByRole('timer', { name: 'Visit time' })).toHaveText(/^\d+:\d\d$/);
      } finally {
        await second.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
