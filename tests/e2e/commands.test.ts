import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

/**
 * The browser turns a shortcut such as Alt+Shift+P into a command event for the extension.
 * Headless Chromium does not run that accelerator for synthetic key presses, so the test fires the
 * command event itself, in the real service worker, and checks what the therapist would see.
 */
async function pressCommand(command: string, tabId: number) {
  await rapport.browser.worker!.evaluate(
    ([name, id]) => {
      const commands = (globalThis as unknown as { chrome: { commands: { onCommand: { dispatch(name: string, tab: { id: number }): void } } } }).chrome.commands;
      commands.onCommand.dispatch(name, { id });
    },
    [command, tabId] as const,
  );
}

describe('browser-wide keyboard commands', () => {
  it('marks who is talking on the active call tab, and shows or hides the panel', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await rapport.reported(page, 'meet:abc-defg-hij');
    const tabId = await rapport.tabIdOf(page);

    await pressCommand('patient-talking', tabId);
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    await pressCommand('therapist-talking', tabId);
    await expectPage(panel.getByRole('button', { name: 'I’m talking' })).toHaveAttribute('aria-pressed', 'true');
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'false');
    await pressCommand('therapist-talking', tabId);
    await expectPage(panel.getByRole('button', { name: 'I’m talking' })).toHaveAttribute('aria-pressed', 'false');

    await pressCommand('toggle-panel', tabId);
    await expectPage(page.getByTitle('Rapport')).toBeHidden();
    await pressCommand('toggle-panel', tabId);
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await page.close();
  });
});
