import { launchChromium, type RapportBrowser } from '../tests/support/chromium.ts';
import { startFixtureServer } from '../tests/support/fixture-server.ts';
const server = await startFixtureServer();
const dirs = { old: '/work/wt-old/.output/chrome-mv3', new: '/work/main/.output/chrome-mv3' };
const browsers: Record<string, RapportBrowser> = {};
for (const [k, d] of Object.entries(dirs)) browsers[k] = await launchChromium({ port: server.port, withExtension: true, args: [`--disable-extensions-except=${d}`, `--load-extension=${d}`] });
browsers.none = await launchChromium({ port: server.port, withExtension: false });
async function cost(b: RapportBrowser, ext: boolean) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto('https://meet.google.com/abc-defg-hij', { waitUntil: 'load' });
  if (ext) await page.waitForSelector('iframe[title="Rapport"]', { state: 'attached' });
  await page.waitForTimeout(2000);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const v = metrics.find((m) => m.name === 'ScriptDuration')!.value * 1000;
  await cdp.detach(); await page.close();
  return v;
}
const res: Record<string, number[]> = { old: [], new: [], none: [] };
const N = Number(process.env.N ?? 12);
for (const k of Object.keys(res)) await cost(browsers[k]!, k !== 'none');
for (let i = 0; i < N; i++) for (const k of Object.keys(res)) res[k]!.push(await cost(browsers[k]!, k !== 'none'));
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };
for (const k of Object.keys(res)) console.log(k.padEnd(5), 'median', med(res[k]!).toFixed(2), 'ms; added', (med(res[k]!) - med(res.none!)).toFixed(2), ' samples', res[k]!.map((x) => x.toFixed(1)).join(' '));
for (const b of Object.values(browsers)) await b.close();
await server.close();
