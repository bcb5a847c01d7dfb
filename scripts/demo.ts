// `npm run demo`: Rapport on a demo visit. Starts the Meet-like fixture page at its real host name
// (local HTTPS), opens Chromium with the built extension, and walks into the call with "Sam", the
// sample patient from the domain brief. `--headless` takes a screenshot and prints its path.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, launchChromium } from '../tests/support/chromium.ts';
import { startFixtureServer } from '../tests/support/fixture-server.ts';

const wantsHeadless = process.argv.includes('--headless');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = wantsHeadless || !hasDisplay;
if (!wantsHeadless && !hasDisplay) console.log('No display found: running headless and saving a screenshot instead.');

ensureChromium();
const server = await startFixtureServer();
const browser = await launchChromium({ port: server.port, headless, viewport: headless ? { width: 1400, height: 900 } : null });
const stop = async () => {
  await browser.close().catch(() => undefined);
  await server.close();
};

try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto('https://meet.google.com/');
  await page.getByRole('link', { name: 'Join abc-defg-hij' }).click();
  const panel = page.frameLocator('iframe[title="Rapport"]');
  await panel.getByRole('textbox', { name: 'Preferred name' }).fill('Sam');
  await panel.getByRole('textbox', { name: 'Preferred name' }).press('Enter');
  await panel.getByRole('button', { name: 'Edit details' }).click();
  const details: [string, string][] = [
    ['How to say their name', 'SAM'],
    ['Pronouns', 'he/him'],
    ['Language', 'English'],
    ['Greeting in their language', 'Good morning, Sam!'],
    ['Hobbies', 'Walking with his grandkids; travel'],
  ];
  for (const [field, value] of details) await panel.getByRole('textbox', { name: field, exact: true }).fill(value);
  await panel.getByRole('button', { name: 'Edit details' }).click();
  await page.getByRole('button', { name: 'Join now' }).click();
  await panel.getByRole('checkbox', { name: 'Greet them by their preferred name' }).check();
  await panel.getByRole('button', { name: 'Start opening' }).click();

  if (headless) {
    await panel.getByText(/^Patient 0:0[1-9]/).waitFor();
    const path = join(await mkdtemp(join(tmpdir(), 'rapport-demo-')), 'demo-visit.png');
    await page.screenshot({ path });
    console.log(`Demo visit screenshot: ${path}`);
    await stop();
  } else {
    console.log('Rapport is running on a demo visit at https://meet.google.com/abc-defg-hij. Close the browser or press Ctrl+C to stop.');
    browser.context.on('close', () => void server.close());
    process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  }
} catch (error) {
  await stop();
  throw error;
}
