// The Firefox build (.output/firefox-mv3) in real headless Firefox ESR, driven over WebDriver BiDi
// (tests/support/firefox.ts): installed as a temporary add-on, on the same look-alike call pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, ariaPressed, collapseAndExpand, Context, isChecked, startFirefoxRapport, until, type FirefoxRapport } from './firefox-harness.ts';
import { MEET_URL } from './harness.ts';

/** The extension API inside evaluate on an extension page (the function runs there, not here). */
declare const browser: {
  runtime: { sendMessage(message: object): Promise<{ ok: boolean; value?: unknown }> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};

let rapport: FirefoxRapport;
let call: Context;
beforeAll(async () => {
  rapport = await startFirefoxRapport();
});
afterAll(() => rapport?.close());

const greet = { role: 'checkbox', name: 'Greet them by their preferred name' };
const statusLines = async (page: Context) => Promise.all((await page.all({ role: 'status' })).map((node) => page.on(node, (element) => element.textContent?.trim())));

describe('Rapport in Firefox', () => {
  it('installs, and shows its panel on a Meet call but not on the Meet home page', async () => {
    call = await rapport.openTab(MEET_URL);
    // The frame titled "Rapport", as a screen reader finds it, shown over the call.
    const frame = await call.find({ name: 'Rapport' });
    await until('the panel frame to be shown', () => call.on(frame, (element) => element.localName === 'iframe' && element.checkVisibility()));
    const panel = await rapport.panel(call);
    await panel.find({ role: 'textbox', name: 'Preferred name' });

    // The home page: the content script reports "not a meeting" to the background, and adds no frame.
    const home = await rapport.openTab('https://meet.google.com/');
    const helper = await rapport.openExtensionPage(panel, 'sidepanel.html?tabId=-1');
    await until('the home page reported as no meeting', () =>
      helper.evaluate(async () => {
        const { callTabs } = await browser.storage.session.get('callTabs');
        return Object.values((callTabs ?? {}) as Record<string, { meetingKey: string | null }>).some((tab) => tab.meetingKey === null);
      }),
    );
    expect(await rapport.frames(home)).toEqual([]);
    await home.close();
    await helper.close();
  });

  it('creates the patient from a preferred name, ticks the checklist, and keeps both after a reload', async () => {
    const panel = await rapport.panel(call);
    await addPatient(panel, 'Sam');
    await panel.click(greet);
    await panel.expectState(greet, isChecked, true);

    await call.reload();
    const reloaded = await rapport.panel(call);
    await reloaded.find({ role: 'heading', name: 'Sam' });
    await reloaded.expectState(greet, isChecked, true);
  });

  it('says plainly that it cannot listen, and counts talk time from the buttons', async () => {
    const panel = await rapport.panel(call);
    await until('the talk time card to say Firefox cannot listen', () => statusLines(panel), (lines) =>
      lines.includes('This browser cannot listen to calls: use the buttons below.'),
    );
    const patient = { role: 'button', name: 'Patient talking' };
    const therapist = { role: 'button', name: 'I’m talking' };
    await panel.click(patient);
    await panel.expectState(patient, ariaPressed, 'true');
    // The patient's time runs (the card's totals line), from the stored talk events.
    await until('the patient’s talk time to run', () => panel.evaluate(() => document.querySelector('.totals')?.textContent ?? ''), (text) => !text.startsWith('Patient 0:00'));
    await panel.click(therapist);
    await panel.expectState(therapist, ariaPressed, 'true');
    await panel.expectState(patient, ariaPressed, 'false');
    await panel.click(therapist);
    await panel.expectState(therapist, ariaPressed, 'false');
  });

  it('lists the keyboard shortcuts with the keys Firefox has for them (asked through the background)', async () => {
    const panel = await rapport.panel(call);
    await panel.click({ role: 'button', name: 'Keyboard shortcuts' });
    const help = await panel.find({ role: 'dialog', name: 'Keyboard shortcuts' });
    const rows = async () => Promise.all((await panel.all({ role: 'row' }, help)).map((row) => panel.on(row, (element) => element.textContent)));
    await until('the patient-talking shortcut', rows, (texts) => texts.includes('Patient is talking (press again for silence)Alt+Shift+P'));
    await panel.click({ role: 'button', name: 'Close' });
  });

  it('shows the same visit in the sidebar page, where a tick reaches the call page’s panel and the panel can move over', async () => {
    const panel = await rapport.panel(call);
    const reply = await panel.evaluate(() => browser.runtime.sendMessage({ type: 'panel/tabId' }));
    expect(reply.ok).toBe(true);
    // The sidebar (sidebar_action) lives in Firefox's own window, which BiDi does not reach: its page is opened in a tab, pinned to the call tab.
    const sidebar = await rapport.openExtensionPage(panel, `sidepanel.html?tabId=${String(reply.value)}`);
    await sidebar.find({ role: 'heading', name: 'Sam' });
    await sidebar.expectState(greet, isChecked, true);
    const intake = { role: 'checkbox', name: 'Show you read their intake' };
    await sidebar.click(intake);
    await sidebar.expectState(intake, isChecked, true);
    await panel.expectState(intake, isChecked, true);

    // Side panel mode from the sidebar: the call page hides its panel, and shows it again.
    const frameShown = async () => {
      const [frame] = await call.all({ name: 'Rapport' });
      return !!frame && (await call.on(frame, (element) => element.checkVisibility()));
    };
    await sidebar.click({ role: 'button', name: 'Hide on the call page' });
    await until('the call page to hide its panel', frameShown, (shown) => !shown);
    await sidebar.click({ role: 'button', name: 'Show on the call page' });
    await until('the call page to show its panel again', frameShown);
    await sidebar.close();
  });

  it('opens the options page, which lists the patient', async () => {
    const options = await rapport.openExtensionPage(await rapport.panel(call), 'options.html');
    const patients = await options.find({ role: 'region', name: 'Patients' });
    await until('Sam in the patient list', async () => {
      const buttons = await options.all({ role: 'button' }, patients);
      return Promise.all(buttons.map((button) => options.on(button, (element) => element.textContent)));
    }, (names) => names.some((name) => name?.startsWith('Sam')));
    await options.close();
  });

  it('collapses the panel to a pill and expands it again (the panel reaches its call page through the background)', async () => {
    await collapseAndExpand(call, await rapport.panel(call));
  });

  it('with the lock on, keeps the call page’s panel locked and points to the sidebar (the key never reaches the frame)', async () => {
    const options = await rapport.openExtensionPage(await rapport.panel(call), 'options.html');
    const lock = await options.find({ role: 'region', name: 'Passphrase lock' });
    for (const name of ['Passphrase', 'The same passphrase again']) {
      await options.click({ name }, lock);
      await options.type('correct horse battery');
    }
    await options.click({ role: 'button', name: 'Turn on the lock' }, lock);
    await until('the lock to be on', () => statusLines(options), (lines) => lines.some((line) => line?.startsWith('The lock is on')));
    const panel = await rapport.panel(call);
    await panel.find({ role: 'heading', name: 'Rapport is locked' });
    await until('the panel to point to the sidebar', () => panel.evaluate(() => document.body.innerText), (text) => text.includes('open it with Rapport’s toolbar button and unlock there'));
    expect(await panel.all({ role: 'heading', name: 'Sam' })).toEqual([]);
    await options.close();
  });

  it('reaches nothing but the call sites: every other connection Firefox tried was refused', () => {
    expect(rapport.firefox.proxy.refused).toEqual([]);
  });
});
