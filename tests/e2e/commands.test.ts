import { afterAll, beforeAll, describe, expect as vitestExpect, it } from 'vitest';
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

  it('ticks the next checklist item and says so, and starts and stops the opening timer', async () => {
    const page = await rapport.openCall('https://meet.google.com/tic-knex-tit');
    const panel = rapport.panel(page);
    await rapport.reported(page, 'meet:tic-knex-tit');
    const tabId = await rapport.tabIdOf(page);
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();

    await pressCommand('tick-next-item', tabId);
    await expectPage(panel.getByRole('checkbox', { name: 'Show you read their intake' })).toBeChecked();
    await expectPage(panel.getByRole('status').filter({ hasText: 'Ticked:' })).toHaveText('Ticked: Show you read their intake.');
    await pressCommand('tick-next-item', tabId);
    await expectPage(panel.getByRole('checkbox', { name: 'Find their why: what really brought them in' })).toBeChecked();
    await expectPage(panel.getByRole('status').filter({ hasText: 'Ticked:' })).toHaveText('Ticked: Find their why: what really brought them in.');
    await expectPage(panel.getByRole('checkbox', { name: 'Ask what they hope to get from today' })).toBeChecked(false);

    await pressCommand('opening-timer', tabId);
    await expectPage(panel.getByRole('button', { name: 'Stop opening' })).toBeVisible();
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toHaveAttribute('aria-pressed', 'true');
    await pressCommand('opening-timer', tabId);
    await expectPage(panel.getByRole('button', { name: 'Restart opening' })).toBeVisible();
    await page.close();
  });

  it('lists every shortcut with its keys in the panel’s help, and opens the browser’s shortcuts page', async () => {
    const page = await rapport.openCall('https://meet.google.com/hel-pvie-wxy');
    const panel = rapport.panel(page);
    await panel.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const help = panel.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expectPage(help).toBeVisible();
    // Each command with the keys the browser has for it now: Chromium on Linux refuses suggested keys
    // its own shortcuts use (Alt+Shift+T focuses the toolbar), so those read "not set" here.
    const bound = await rapport.browser.worker!.evaluate(() =>
      (globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name?: string; description?: string; shortcut?: string }[]> } } }).chrome.commands.getAll(),
    );
    const ours = bound.filter((command) => command.name !== '_execute_action');
    vitestExpect(ours.map((command) => command.name).sort()).toEqual(['listen', 'opening-timer', 'patient-talking', 'therapist-talking', 'tick-next-item', 'toggle-panel']);
    vitestExpect(ours.find((command) => command.name === 'opening-timer')?.shortcut).toBe('Alt+Shift+O');
    for (const command of ours) {
      const row = help.getByRole('row').filter({ hasText: command.description! });
      await expectPage(row.getByRole('cell').nth(1)).toHaveText(command.shortcut || 'not set');
    }
    await expectPage(help.getByRole('row').filter({ hasText: 'Tick the next checklist item' })).toContainText('not set');
    await expectPage(help.getByRole('row')).toHaveCount(7);

    const opened = rapport.browser.context.waitForEvent('page');
    await help.getByRole('button', { name: 'Change shortcuts' }).click();
    const settings = await opened;
    await vitestExpect.poll(() => settings.url()).toBe('chrome://extensions/shortcuts');
    await settings.close();
    await help.getByRole('button', { name: 'Close' }).press('Enter');
    await expectPage(help).toBeHidden();
    await page.close();
  });
});
