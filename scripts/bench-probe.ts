// Temporary exploration; to be deleted.
import { launchChromium } from '../tests/support/chromium.ts';
import { startFixtureServer } from '../tests/support/fixture-server.ts';
const server = await startFixtureServer();
const b = await launchChromium({ port: server.port, withExtension: process.argv[2] !== 'no' });
try {
  for (let run = 0; run < 4; run++) {
    const page = await b.context.newPage();
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    const get = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.goto('https://meet.google.com/abc-defg-hij', { waitUntil: 'load' });
    const a = await get();
    const t0 = Date.now();
    while (!page.frames().some((f) => f.url().includes('/panel.html'))) await new Promise((r) => setTimeout(r, 5));
    const b1 = await get();
    await page.waitForTimeout(500);
    const c = await get();
    await page.waitForTimeout(1500);
    const d = await get();
    const { profile } = await cdp.send('Profiler.stop');
    const f = (m: any) => `script ${(m.ScriptDuration * 1000).toFixed(1)} task ${(m.TaskDuration * 1000).toFixed(1)} compile ${(m.V8CompileDuration * 1000).toFixed(1)} layout ${(m.LayoutDuration*1000).toFixed(1)} style ${(m.RecalcStyleDuration*1000).toFixed(1)} devtools ${(m.DevToolsCommandDuration*1000).toFixed(1)}`;
    console.log(`run ${run}: load: ${f(a)}\n  attached(+${Date.now() - t0}): ${f(b1)}\n  +500: ${f(c)}\n  +2000: ${f(d)}`);
    // aggregate self time by url and function
    const dt = new Map<number, number>();
    for (let i = 0; i < profile.samples!.length; i++) dt.set(profile.samples![i]!, (dt.get(profile.samples![i]!) ?? 0) + profile.timeDeltas![i]! / 1000);
    const byUrl = new Map<string, number>();
    const byFn = new Map<string, number>();
    for (const node of profile.nodes) {
      const t = dt.get(node.id) ?? 0;
      if (!t) continue;
      const u = node.callFrame.url.replace(/^chrome-extension:\/\/[^/]+/, 'ext:') || '(native)';
      byUrl.set(u, (byUrl.get(u) ?? 0) + t);
      const k = `${node.callFrame.functionName || '(anon)'} ${u}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
      byFn.set(k, (byFn.get(k) ?? 0) + t);
    }
    console.log('  byUrl', [...byUrl].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(', '));
    console.log('  byFn', [...byFn].sort((x, y) => y[1] - x[1]).filter(([k]) => !/\(idle\)|\(program\)/.test(k)).slice(0, 10).map(([k, v]) => `\n    ${v.toFixed(2)} ${k}`).join(''));
    await page.close();
  }
} finally {
  await b.close();
  await server.close();
}
