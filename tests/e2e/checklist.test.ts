import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const sections = ['Beginning and the why', 'Their perspective', 'Empathy', 'Shared decision', 'Goals', 'Closing'];
const answerItems = [
  'Find their why: what really brought them in',
  'Ask what they hope to get from today',
  'Offer options with their benefits and costs',
  'Ask which option they prefer',
  'Agree on a long-term North Star goal',
  'Set short-term goals with a timeframe',
  'Note something personal to ask about next time',
];

describe('the live alliance checklist', () => {
  it('shows the default protocol in sections, with progress, and items that gather answers', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Sam');

    for (const section of sections) {
      await expectPage(panel.getByRole('button', { name: new RegExp(`^${section} 0 of \\d+$`) })).toBeVisible();
    }
    await expectPage(panel.getByRole('checkbox', { name: /\bwhy\b/ })).toHaveCount(1);
    for (const item of answerItems) {
      await expectPage(panel.getByRole('textbox', { name: item, exact: true })).toBeVisible();
    }

    // Ticking records when in the visit it happened, and starts the visit clock if needed.
    const greet = panel.getByRole('checkbox', { name: 'Greet them by their preferred name' });
    await greet.check();
    await expectPage(greet).toBeChecked();
    await expectPage(panel.getByRole('button', { name: 'Beginning and the why 1 of 5' })).toBeVisible();
    await expectPage(panel.getByRole('listitem').filter({ has: greet }).getByText(/^at 0:0\d$/)).toBeVisible();
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toHaveText(/^\d+:\d\d$/);

    // An answer typed at its item lands in the patient's notes.
    const why = panel.getByRole('textbox', { name: answerItems[0], exact: true });
    await why.fill('Walk the grandkids to school again');
    await why.blur();
    await expect
      .poll(async () => {
        const { patients } = await rapport.storage.get();
        return Object.values(patients as Record<string, { notes: { why: string } }>).map((p) => p.notes.why);
      })
      .toContain('Walk the grandkids to school again');
    await page.reload();
    await expectPage(rapport.panel(page).getByRole('textbox', { name: answerItems[0], exact: true })).toHaveValue('Walk the grandkids to school again');

    // Unticking removes the record; a section folds away.
    // Right after the reload re-created the panel's out-of-process frame, the browser's hit-testing
    // of it can lag its first paint, and a click sent in that moment goes to the call page: the box
    // is clicked again only while it is still ticked (a click that lands unticks it at once).
    const greetAgain = rapport.panel(page).getByRole('checkbox', { name: 'Greet them by their preferred name' });
    await expect
      .poll(async () => {
        if (await greetAgain.isChecked()) await greetAgain.click();
        return greetAgain.isChecked();
      }, { timeout: 10_000 })
      .toBe(false);
    await expectPage(rapport.panel(page).getByRole('button', { name: 'Beginning and the why 0 of 5' })).toBeVisible();
    await rapport.panel(page).getByRole('button', { name: 'Closing 0 of 3' }).click();
    await expectPage(rapport.panel(page).getByRole('button', { name: 'Closing 0 of 3' })).toHaveAttribute('aria-expanded', 'false');
    await expectPage(rapport.panel(page).getByRole('checkbox', { name: 'Book the next visit' })).toBeHidden();
    await page.close();
  });

  it('offers a phrase bank of empathy statements, open questions and reflections', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await panel.getByText('Phrase bank').click();
    for (const group of ['Empathy statements', 'Open questions', 'Reflections']) {
      await expectPage(panel.getByRole('heading', { name: group })).toBeVisible();
    }
    await expectPage(panel.getByRole('listitem').filter({ hasText: 'That sounds exhausting.' })).toBeVisible();
    await page.close();
  });
});
