import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const WHY = 'Find their why: what really brought them in';
const EXPECTATIONS = 'Ask what they hope to get from today';
const OPTIONS = 'Offer options with their benefits and costs';
const ASK_NEXT_TIME = 'Note something personal to ask about next time';
const NORTH_STAR = 'Agree on a long-term North Star goal';
const SHORT_TERM = 'Set short-term goals with a timeframe';

interface StoredPatient {
  id: string;
  notes: Record<string, string>;
}

/** The stored notes of the patient with this preferred name. */
async function storedNotes(preferredName: string): Promise<Record<string, string> | undefined> {
  const { patients } = (await rapport.storage.get()) as { patients?: Record<string, StoredPatient> };
  return Object.values(patients ?? {}).find((patient) => patient.notes.preferredName === preferredName)?.notes;
}

function expectStored(preferredName: string, notes: Record<string, string>) {
  return expect.poll(() => storedNotes(preferredName), { timeout: 10_000, interval: 50 }).toMatchObject(notes);
}

/** A page or the panel frame over a call: where the checklist's note boxes are. */
type Surface = Page | FrameLocator;

function note(surface: Surface, item: string) {
  return surface.getByRole('textbox', { name: item, exact: true });
}

/** axe-core's serious and critical findings (WCAG 2 A and AA) on a page, by rule id. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null };
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
  });
}

/** Opens the side panel for a tab as a page whose timers the test controls (the panel's save-after-a-pause timer). */
async function sidePanelWithClock(tabId: number): Promise<Page> {
  const page = await rapport.browser.context.newPage();
  await page.clock.install();
  await page.goto(`chrome-extension://${rapport.extensionId}/sidepanel.html?tabId=${tabId}`);
  return page;
}

describe('edits from several places at once', () => {
  it('keeps edits to different fields, shows a same-field conflict instead of dropping it, and keeps what the therapist chose', async () => {
    const first = await rapport.openCall(MEET_URL);
    const a = rapport.panel(first);
    await addPatient(a, 'Robin');
    const second = await rapport.openCall(MEET_URL);
    const third = await rapport.openCall(MEET_URL);
    const b = rapport.panel(second);
    const c = rapport.panel(third);
    const side = await sidePanelWithClock(await rapport.tabIdOf(first));
    for (const surface of [b, c, side]) await expectPage(surface.getByRole('heading', { name: 'Robin' })).toBeVisible();

    // Four places each type into a different field at the same time.
    const typed: [Surface, string, string][] = [
      [a, WHY, 'Lift my grandson'],
      [b, EXPECTATIONS, 'A plan for my knee'],
      [c, ASK_NEXT_TIME, 'Her garden show'],
      [side, OPTIONS, 'Exercises or a brace'],
    ];
    await Promise.all(typed.map(([surface, item, text]) => note(surface, item).fill(text)));
    await Promise.all(typed.map(([surface, item]) => note(surface, item).blur()));
    await expectStored('Robin', { why: 'Lift my grandson', expectations: 'A plan for my knee', askNextTime: 'Her garden show', optionsOffered: 'Exercises or a brace' });
    for (const surface of [a, b, c, side]) {
      for (const [, item, text] of typed) await expectPage(note(surface, item)).toHaveValue(text);
    }

    // The side panel starts typing over the why; before it saves, the first tab saves another why.
    // The side panel's pause timer is held so that its save comes second, when it leaves the field.
    await side.clock.pauseAt((await side.evaluate(() => Date.now())) + 1_000);
    await note(side, WHY).fill('Walk to work again');
    await note(a, WHY).fill('Play with my grandson');
    await note(a, WHY).blur();
    await expectStored('Robin', { why: 'Play with my grandson' });
    await note(side, WHY).blur();

    const conflict = side.getByRole('group', { name: 'Changed elsewhere while you typed: “Play with my grandson”. Yours: “Walk to work again”.' });
    await expectPage(conflict).toBeVisible();
    await expectPage(side.getByRole('alert').filter({ hasText: 'Changed elsewhere while you typed' })).toBeVisible();
    // Once a conflict is shown, a timed save sends nothing more; axe needs the page's timers.
    await side.clock.resume();
    expect(await seriousViolations(side)).toEqual([]);
    // Nothing was overwritten and nothing typed was lost while the therapist decides.
    await expectPage(note(side, WHY)).toHaveValue('Walk to work again');
    expect((await storedNotes('Robin'))?.why).toBe('Play with my grandson');
    await expectPage(note(b, WHY)).toHaveValue('Play with my grandson');

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expectStored('Robin', { why: 'Walk to work again' });
    await expectPage(conflict).toBeHidden();
    for (const surface of [a, b, c]) await expectPage(note(surface, WHY)).toHaveValue('Walk to work again');

    // "Use theirs" drops only the draft of the one who chose it.
    await side.clock.pauseAt((await side.evaluate(() => Date.now())) + 1_000);
    await note(side, ASK_NEXT_TIME).fill('His new puppy');
    await note(c, ASK_NEXT_TIME).fill('Her trip to Lisbon');
    await note(c, ASK_NEXT_TIME).blur();
    await expectStored('Robin', { askNextTime: 'Her trip to Lisbon' });
    await note(side, ASK_NEXT_TIME).blur();
    const secondConflict = side.getByRole('group', { name: /^Changed elsewhere while you typed: “Her trip to Lisbon”/ });
    await secondConflict.getByRole('button', { name: 'Use theirs' }).click();
    await expectPage(note(side, ASK_NEXT_TIME)).toHaveValue('Her trip to Lisbon');
    await side.clock.resume();

    // Everything reloaded: each place shows what is stored.
    const expected = { why: 'Walk to work again', expectations: 'A plan for my knee', askNextTime: 'Her trip to Lisbon', optionsOffered: 'Exercises or a brace' };
    expect(await storedNotes('Robin')).toMatchObject(expected);
    await Promise.all([first.reload(), second.reload(), third.reload(), side.reload()]);
    for (const surface of [rapport.panel(first), rapport.panel(second), rapport.panel(third), side]) {
      await expectPage(surface.getByRole('heading', { name: 'Robin' })).toBeVisible();
      await expectPage(note(surface, WHY)).toHaveValue(expected.why);
      await expectPage(note(surface, EXPECTATIONS)).toHaveValue(expected.expectations);
      await expectPage(note(surface, ASK_NEXT_TIME)).toHaveValue(expected.askNextTime);
      await expectPage(note(surface, OPTIONS)).toHaveValue(expected.optionsOffered);
    }
    for (const page of [side, third, second, first]) await page.close();
  });

  it('leaves nothing half-written when the service worker is stopped between quick edits, and keeps working', async () => {
    const page = await rapport.openCall('https://meet.google.com/xyz-abcd-efg');
    const panel = rapport.panel(page);
    await addPatient(panel, 'Kai');
    // The DevTools session of an extension page can stop the extension's service worker.
    const options = await rapport.openExtensionPage('options.html');
    const devtools = await rapport.browser.context.newCDPSession(options);
    // The worker's states as DevTools reports them, to see it stopped and started again.
    const states: string[] = [];
    devtools.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) if (version.scriptURL.endsWith('/background.js')) states.push(version.runningStatus);
    });
    await devtools.send('ServiceWorker.enable');

    const edits: [string, string][] = [
      [WHY, 'Hike with my daughter'],
      [EXPECTATIONS, 'Less pain at night'],
      [NORTH_STAR, 'Hike ten miles'],
      [SHORT_TERM, 'Walk 20 minutes daily'],
      [ASK_NEXT_TIME, 'The hiking trip'],
    ];
    for (const [index, [item, text]] of edits.entries()) {
      const box = note(panel, item);
      await box.fill(text);
      await box.blur();
      // Stopped while the previous save may still be on its way.
      if (index % 2 === 1) await devtools.send('ServiceWorker.stopAllWorkers');
    }

    // What the therapist typed is on screen whatever happened to the save; leaving a field saves what is left.
    for (const [item, text] of edits) {
      await expectPage(note(panel, item)).toHaveValue(text);
      await note(panel, item).focus();
      await note(panel, item).blur();
    }
    await expectStored('Kai', { why: 'Hike with my daughter', expectations: 'Less pain at night', northStar: 'Hike ten miles', shortTermGoals: 'Walk 20 minutes daily', askNextTime: 'The hiking trip' });
    expect(states.filter((state) => state === 'stopped').length).toBeGreaterThanOrEqual(2);
    expect(states.at(-1)).toBe('running');
    await devtools.detach();
    await options.close();

    // Every stored collection is whole: its version marker beside it, and each record complete and consistent with the others.
    const stored = (await rapport.storage.get()) as Record<string, unknown>;
    for (const name of ['patients', 'meetings', 'visitIndex', 'patientDirectory']) expect(stored[`${name}$`], name).toEqual({ v: 1 });
    const patients = stored.patients as Record<string, StoredPatient>;
    const kai = Object.values(patients).find((patient) => patient.notes.preferredName === 'Kai')!;
    const meeting = (stored.meetings as Record<string, { patientId: string; openVisitId: string }>)['meet:xyz-abcd-efg']!;
    expect(meeting.patientId).toBe(kai.id);
    const visit = stored[`visit:${meeting.openVisitId}`] as { patientId: string };
    expect(visit.patientId).toBe(kai.id);
    expect((stored.visitIndex as Record<string, { patientId: string }>)[meeting.openVisitId]?.patientId).toBe(kai.id);
    expect((stored.patientDirectory as Record<string, { preferredName: string }>)[kai.id]?.preferredName).toBe('Kai');

    // The panel still works: a tick and a note after the restart are saved.
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
    await note(panel, OPTIONS).fill('Physio or surgery');
    await note(panel, OPTIONS).blur();
    await expectStored('Kai', { optionsOffered: 'Physio or surgery' });
    await expect
      .poll(async () => Object.keys(((await rapport.storage.get())[`visit:${meeting.openVisitId}`] as { checked: object }).checked), { timeout: 10_000, interval: 50 })
      .toContain('greet-by-name');
    await page.close();
  });
});
