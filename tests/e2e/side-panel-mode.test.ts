import { afterAll, beforeAll, describe, expect as vitestExpect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

const placeStored = async () => ((await rapport.storage.get()).settings as Record<string, { place?: string }> | undefined)?.panelPlace?.place;

describe('side panel mode', () => {
  it('moves the panel to the side panel and back without losing the visit', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await rapport.reported(page, 'meet:abc-defg-hij');
    const tabId = await rapport.tabIdOf(page);
    await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();

    await panel.getByRole('button', { name: 'Move to side panel' }).click();
    await vitestExpect.poll(placeStored).toBe('sidePanel');
    await expectPage(page.getByTitle('Rapport')).toBeHidden();

    // Headless Chromium has no side panel to look at: its page is opened in a tab, pinned to the call tab.
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${tabId}`);
    await expectPage(side.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();
    await side.getByRole('checkbox', { name: 'Show you read their intake' }).check();

    // A reloaded call page keeps its panel hidden while the side panel is in use: from the moment the
    // frame is added (the answer to the content script's first report said where), never shown and
    // then hidden by the panel inside. The page notes every popover about to open (beforetoggle fires
    // as it does); the frame is its own popover.
    await page.addInitScript(() => {
      document.addEventListener('beforetoggle', (event) => {
        const opening = (event as Event & { newState: string }).newState === 'open';
        if (opening && (event.target as Element).matches('iframe[title="Rapport"]')) document.documentElement.dataset.rapportShown = 'yes';
      }, true);
    });
    await page.reload();
    await page.locator('iframe[title="Rapport"]').waitFor({ state: 'attached' });
    await rapport.reported(page, 'meet:abc-defg-hij');
    await expectPage(page.getByTitle('Rapport')).toBeHidden();
    vitestExpect(await page.locator('html').getAttribute('data-rapport-shown')).toBeNull();

    await side.getByRole('button', { name: 'Show on the call page' }).click();
    await vitestExpect.poll(placeStored).toBe('inPage');
    const back = rapport.panel(page);
    await expectPage(back.getByRole('checkbox', { name: 'Show you read their intake' })).toBeChecked();
    // The same watch sees the frame open now, so its silence above meant something.
    vitestExpect(await page.locator('html').getAttribute('data-rapport-shown')).toBe('yes');
    await expectPage(back.getByRole('checkbox', { name: 'Greet them by their preferred name' })).toBeChecked();
    if (!side.isClosed()) await side.close();
    await page.close();
  });
});
