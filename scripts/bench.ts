// Rapport benchmark: bundle sizes, what the extension costs a call page at load, and how fast its
// pages open large records (1,000 patients, a 200-visit history).
// Run with `npm run bench` (builds first), or `node scripts/with-node.mjs scripts/bench.ts` on an
// existing build. Prints tables with targets; always exits 0 once measured, even if a target is
// missed (exit 1 only when it cannot measure: no Chromium, no build, a browser step failing).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { mark, stats, table, type Row } from './bench-format.ts';
import { chromiumPath, extensionDir, launchChromium, type RapportBrowser } from '../tests/support/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../tests/support/fixture-server.ts';
import { patientDirectory, sortedDirectory } from '../utils/patient-directory.ts';
import { builtInCallScript, isCallScript } from '../utils/call-script.ts';
import { newVisit } from '../utils/model.ts';
import { defaultProtocol } from '../utils/protocol.ts';
import { talkTimeBench } from './bench-talk.ts';

const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const PAINT_RUNS = 10;
/** Wall-time medians on a shared 2-CPU machine: with 10 loads each, five runs of one build read 2.8 to 6.9 ms added. */
const SCRIPT_RUNS = 20;
const TRACE_RUNS = 10;
/** Long enough to include two of the content script's 1 s ticks after the panel is attached. */
const OBSERVE_MS = 2000;
const STEP_TIMEOUT_MS = 15_000;

const KB = 1000;
const targets = {
  contentScriptMinBytes: 12 * KB,
  panelGzipBytes: 45 * KB,
  firstPaintMs: 300,
  addedScriptMs: 5,
  /** Options page listing 1,000 patients, and a 200-visit history opening (panel and options page). */
  largeOpenMs: 100,
};

// ---------------------------------------------------------------------------------------------
// Formatting

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const kb = (n: number) => `${(n / KB).toFixed(2)} kB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);

const missed: string[] = [];
function check(name: string, pass: boolean): string {
  if (!pass) missed.push(name);
  return mark(pass);
}


const gzipSize = (data: Buffer) => gzipSync(data, { level: 9 }).length;

// ---------------------------------------------------------------------------------------------
// 1 and 2: sizes

async function contentScriptSize(buildDir: string): Promise<void> {
  // One script per built-in site, and one for sites the therapist adds (utils/call-script.ts): a call page loads one of them.
  const files = (await readdir(buildDir)).filter(isCallScript).sort();
  if (!files.length) throw new Error(`no call script (call-<site>.js) in ${buildDir}`);
  const rows: string[][] = [];
  for (const name of files) {
    const data = await readFile(join(buildDir, name));
    const gz = gzipSize(data);
    rows.push([
      name,
      bytes(data.length),
      bytes(gz),
      ratio(gz, data.length),
      `< ${kb(targets.contentScriptMinBytes)}`,
      pct(data.length, targets.contentScriptMinBytes),
      check(`content script size (${name})`, data.length < targets.contentScriptMinBytes),
    ]);
  }
  table('1. Content script size (one per site, runs in every call page there)', ['file', 'minified', 'gzip -9', 'gzip/min', 'target (minified)', 'of target', ''], rows);
}

/** Relative module specifiers a built chunk imports statically (import/export ... from, bare import). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
  for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** Relative specifiers loaded lazily with import("..."): listed, but not part of the first load. */
function dynamicImports(code: string): string[] {
  return [...new Set([...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!))];
}

async function panelBundleSize(buildDir: string): Promise<void> {
  const htmlPath = join(buildDir, 'panel.html');
  const html = await readFile(htmlPath, 'utf8');
  // Paths inside the extension, relative to its root ("chunks/x.js").
  const toRoot = (ref: string, from: string) => posix.normalize(ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref));
  const entries: { path: string; how: string }[] = [];
  for (const tag of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) entries.push({ path: toRoot(tag[1]!, 'panel.html'), how: 'script' });
  for (const tag of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag[0])?.[1] ?? '';
    const href = /\bhref="([^"]+)"/.exec(tag[0])?.[1];
    if (href && /\b(stylesheet|modulepreload|preload)\b/.test(rel)) entries.push({ path: toRoot(href, 'panel.html'), how: rel });
  }

  const files = new Map<string, { how: string; data: Buffer }>();
  files.set('panel.html', { how: 'page', data: Buffer.from(html) });
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const { path, how } = queue.shift()!;
    if (files.has(path)) continue;
    const full = join(buildDir, path);
    if (!existsSync(full)) throw new Error(`panel.html loads ${path}, which is not in the build`);
    const data = await readFile(full);
    files.set(path, { how, data });
    if (path.endsWith('.js')) {
      const code = data.toString('utf8');
      for (const ref of staticImports(code)) queue.push({ path: toRoot(ref, path), how: `import from ${posix.basename(path)}` });
      for (const ref of dynamicImports(code)) lazy.add(toRoot(ref, path));
    }
  }
  for (const path of files.keys()) lazy.delete(path);

  let raw = 0;
  let gz = 0;
  const rows: Row[] = [];
  for (const [path, { how, data }] of files) {
    const g = gzipSize(data);
    raw += data.length;
    gz += g;
    rows.push([path, how, bytes(data.length), bytes(g), ratio(g, data.length)]);
  }
  const pass = gz < targets.panelGzipBytes;
  rows.push(['total', `${files.size} files`, bytes(raw), bytes(gz), ratio(gz, raw)]);
  table('2. Panel bundle size (everything panel.html loads)', ['file', 'loaded as', 'raw', 'gzip -9', 'gzip/raw'], rows, [
    `target: total gzip < ${kb(targets.panelGzipBytes)}  ->  ${kb(gz)} (${pct(gz, targets.panelGzipBytes)} of target)  ${check('panel bundle gzip size', pass)}`,
    'gzip is per file (each is fetched separately); the sum is the figure held against the target.',
    ...(lazy.size ? [`lazy chunks (dynamic import, not counted): ${[...lazy].join(', ')}`] : []),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

function withTimeout<T>(promise: Promise<T>, what: string, timeout = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

async function panelFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/panel.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('timed out waiting for the panel iframe');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Runs in every frame of the timed pages before their own scripts (page.addInitScript); acts only
 * in the panel. Marks the moment the "Visit time" timer is in the DOM and laid out with a size,
 * in epoch ms (timeOrigin + now). A MutationObserver, not only requestAnimationFrame: the panel's
 * iframe sits in a wrapper that is visibility:hidden until placed, and rAF is throttled there.
 */
function markPanelReady(): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/panel.html')) return;
  const w = window as unknown as { __benchInit?: boolean; __benchReady?: number };
  w.__benchInit = true;
  let observer: MutationObserver | undefined;
  const check = () => {
    if (w.__benchReady) return;
    const timer = document.querySelector('[role="timer"][aria-label="Visit time"]');
    const box = timer?.getBoundingClientRect();
    if (!timer || !box || box.width === 0 || box.height === 0 || !timer.checkVisibility({ visibilityProperty: true })) return;
    w.__benchReady = performance.timeOrigin + performance.now();
    observer?.disconnect();
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const poll = () => {
    check();
    if (!w.__benchReady) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** In the panel frame: epoch ms of its first-contentful-paint. */
function firstContentfulPaint(): Promise<number> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (!entry) return;
      observer.disconnect();
      resolve(performance.timeOrigin + entry.startTime);
    });
    observer.observe({ type: 'paint', buffered: true });
  });
}

/** In the panel frame: epoch ms at which markPanelReady saw the timer (waits for it). */
function panelReady(): Promise<{ at: number; early: boolean }> {
  const w = window as unknown as { __benchInit?: boolean; __benchReady?: number };
  if (w.__benchReady) return Promise.resolve({ at: w.__benchReady, early: !!w.__benchInit });
  // Fallback if the init script did not reach this frame: watch from now (may be late).
  const early = !!w.__benchInit;
  return new Promise((resolve) => {
    const found = () => {
      if (w.__benchReady) return resolve({ at: w.__benchReady, early });
      const timer = document.querySelector('[role="timer"][aria-label="Visit time"]');
      const box = timer?.getBoundingClientRect();
      if (timer && box && box.width > 0 && box.height > 0) return resolve({ at: performance.timeOrigin + performance.now(), early });
      setTimeout(found, 2);
    };
    found();
  });
}

// ---------------------------------------------------------------------------------------------
// 3: DOMContentLoaded -> panel first paint / ready

async function firstPaint(context: BrowserContext): Promise<void> {
  const paint: number[] = [];
  const ready: number[] = [];
  const start: number[] = [];
  let lateReady = 0;
  for (let run = 0; run < PAINT_RUNS; run++) {
    const page = await context.newPage();
    try {
      await page.addInitScript(markPanelReady);
      await page.goto(MEET_URL, { waitUntil: 'domcontentloaded' });
      const frame = await panelFrame(page);
      const [dcl, origin, fcp, rdy] = await Promise.all([
        page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return performance.timeOrigin + nav.domContentLoadedEventStart;
        }),
        frame.evaluate(() => performance.timeOrigin),
        withTimeout(frame.evaluate(firstContentfulPaint), 'the panel first-contentful-paint'),
        withTimeout(frame.evaluate(panelReady), 'the panel "Visit time" timer'),
      ]);
      if (!rdy.early) lateReady++;
      start.push(origin - dcl);
      paint.push(fcp - dcl);
      ready.push(rdy.at - dcl);
    } finally {
      await page.close();
    }
  }
  const p = stats(paint);
  const r = stats(ready);
  const s = stats(start);
  const pass = p.median <= targets.firstPaintMs;
  table(
    `3. Call page DOMContentLoaded -> panel, ${PAINT_RUNS} fresh loads of ${MEET_URL}`,
    ['milestone', 'median', 'min', 'max', 'target', 'of target', ''],
    [
      ['panel navigation start (iframe inserted)', ms(s.median), ms(s.min), ms(s.max), '', '', ''],
      ['panel first-contentful-paint', ms(p.median), ms(p.min), ms(p.max), `<= ${targets.firstPaintMs} ms`, pct(p.median, targets.firstPaintMs), check('panel first paint', pass)],
      ['panel ready ("Visit time" timer visible)', ms(r.median), ms(r.min), ms(r.max), '', '', ''],
      ['ready / first paint', ratio(r.median, p.median), '', '', '', '', ''],
    ],
    [
      `samples, nav start (ms):   ${start.map((n) => n.toFixed(0)).join(' ')}`,
      `samples, first paint (ms): ${paint.map((n) => n.toFixed(0)).join(' ')}`,
      `samples, ready (ms):       ${ready.map((n) => n.toFixed(0)).join(' ')}`,
      'Times are epoch ms taken in each document (timeOrigin + ...), the call page and the panel being separate processes.',
      'The content script runs at document_idle, so the span includes Chromium waiting for idle after DOMContentLoaded.',
      ...(lateReady ? [`warning: in ${lateReady} run(s) the ready marker was installed late; ready may be overstated.`] : []),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// 4: main-thread script time added to the call page

interface LoadCost {
  script: number;
  task: number;
  /** Navigation start to the end of the page's load event (ms). */
  load: number;
}

async function loadCost(browser: RapportBrowser, withExtension: boolean): Promise<LoadCost> {
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(MEET_URL, { waitUntil: 'load' });
    if (withExtension) await panelFrame(page);
    await page.waitForTimeout(OBSERVE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => {
      const found = metrics.find((m) => m.name === name);
      if (!found) throw new Error(`Performance.getMetrics has no ${name}`);
      return found.value * 1000;
    };
    const script = metric('ScriptDuration');
    const task = metric('TaskDuration');
    await cdp.detach();
    // Read after the metrics, so this evaluation is not counted in them.
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return { script, task, load };
  } finally {
    await page.close();
  }
}

async function scriptTime(withExt: RapportBrowser, without: RapportBrowser): Promise<number> {
  // One discarded warm-up load in each browser, then alternate so drift hits both alike.
  await loadCost(withExt, true);
  await loadCost(without, false);
  const yes: LoadCost[] = [];
  const no: LoadCost[] = [];
  for (let run = 0; run < SCRIPT_RUNS; run++) {
    yes.push(await loadCost(withExt, true));
    no.push(await loadCost(without, false));
  }
  const sy = stats(yes.map((c) => c.script));
  const sn = stats(no.map((c) => c.script));
  const ty = stats(yes.map((c) => c.task));
  const tn = stats(no.map((c) => c.task));
  const ly = stats(yes.map((c) => c.load));
  const ln = stats(no.map((c) => c.load));
  const added = sy.median - sn.median;
  const pass = added < targets.addedScriptMs;
  table(
    `4. Call page main-thread time, ${SCRIPT_RUNS} loads each (load + panel attached + ${OBSERVE_MS} ms window)`,
    ['metric (median)', 'with ext', 'without', 'added', 'with/without', 'target', ''],
    [
      ['ScriptDuration', ms(sy.median), ms(sn.median), ms(added), ratio(sy.median, sn.median), `added < ${targets.addedScriptMs} ms`, check('script time added to the call page', pass)],
      ['TaskDuration', ms(ty.median), ms(tn.median), ms(ty.median - tn.median), ratio(ty.median, tn.median), '', ''],
      ['load event end (from nav start)', ms(ly.median), ms(ln.median), ms(ly.median - ln.median), ratio(ly.median, ln.median), '', ''],
    ],
    [
      `ScriptDuration range: with ${ms(sy.min)}..${ms(sy.max)}, without ${ms(sn.min)}..${ms(sn.max)}`,
      `TaskDuration range:   with ${ms(ty.min)}..${ms(ty.max)}, without ${ms(tn.min)}..${ms(tn.max)}`,
      'The load row is context, not a target: an iframe added before the load event holds that event until the iframe loads.',
      'CDP Performance.getMetrics on the call page target: counts the page and the content script (same renderer).',
      'The panel iframe is an out-of-process extension frame (chrome-extension://), so its script is not counted here.',
    ],
  );
  return added;
}

/** A complete ('X') trace event; ts and dur in microseconds. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, in µs: steady on a busy machine, unlike wall time. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string } };
}

/**
 * Only what the attribution needs: devtools.timeline has EvaluateScript / FunctionCall / TimerFire,
 * navigation has HTMLFrameOwnerElement::LoadOrRedirectSubframe, toplevel the microtask checkpoints
 * (thread names come as metadata). Far cheaper than '*', so the traced loads stay close to untraced ones.
 */
const TRACE_CATEGORIES = 'devtools.timeline,navigation,toplevel';
/** Top-level tasks that run a script's code, attributed by the script's URL. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'RunMicrotasks']);
const FRAME_EVENT = 'HTMLFrameOwnerElement::LoadOrRedirectSubframe';
/** Promise continuations run here: the one that builds the panel frame is the content script mounting it. */
const MICROTASKS_EVENT = 'BlinkScheduler_PerformMicrotaskCheckpoint';
/** The Meet fixture's call script. */
const CONTENT_SCRIPT = builtInCallScript('meet');

type Span = [start: number, end: number];

/** Sorted, non-overlapping union of spans (nested events are counted once). */
function union(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
const total = (spans: Span[]) => spans.reduce((sum, [start, end]) => sum + end - start, 0);
/** Length of b that lies inside a (both unions). */
function overlap(a: Span[], b: Span[]): number {
  let sum = 0;
  for (const [bs, be] of b) for (const [as, ae] of a) sum += Math.max(0, Math.min(ae, be) - Math.max(as, bs));
  return sum;
}

interface TracedLoad {
  /** All main-thread time of the content script's tasks (ms). */
  all: number;
  /** Of which Chromium building the panel iframe, nested in those tasks (ms). */
  frame: number;
  /** Frame-building events on the call page's main thread outside the content script's tasks. */
  framesOutside: number;
  /** The same two figures as CPU time of the thread (ms). */
  allCpu: number;
  frameCpu: number;
}

/** One load as in loadCost (load + panel attached + OBSERVE_MS), traced; attributes the content script's main-thread time. */
async function tracedLoad(browser: RapportBrowser): Promise<TracedLoad> {
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(MEET_URL, { waitUntil: 'load' });
    await panelFrame(page);
    await page.waitForTimeout(OBSERVE_MS);
    await cdp.send('Tracing.end');
    await withTimeout(complete, 'the trace');
    await cdp.detach();

    const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const url = (e: TraceEvent) => String(e.args?.data?.url ?? e.args?.data?.scriptName ?? '');
    const own = new Map<string, Span[]>();
    const frames = new Map<string, Span[]>();
    const ownEvents: TraceEvent[] = [];
    const frameEvents: TraceEvent[] = [];
    const microtasks: TraceEvent[] = [];
    for (const e of events) {
      if (e.ph !== 'X' || e.dur === undefined) continue;
      const thread = `${e.pid}:${e.tid}`;
      if (!mainThreads.has(thread)) continue;
      const isOwn = SCRIPT_EVENTS.has(e.name) && url(e).includes(CONTENT_SCRIPT);
      const into = isOwn ? own : e.name === FRAME_EVENT ? frames : undefined;
      if (into) into.set(thread, [...(into.get(thread) ?? []), [e.ts, e.ts + e.dur]]);
      if (isOwn) ownEvents.push(e);
      else if (e.name === FRAME_EVENT) frameEvents.push(e);
      else if (e.name === MICROTASKS_EVENT) microtasks.push(e);
    }
    const within = (inner: TraceEvent, outer: TraceEvent) =>
      inner !== outer && inner.pid === outer.pid && inner.tid === outer.tid && inner.ts >= outer.ts && inner.ts + (inner.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
    // The panel is mounted in a promise continuation (the answer to the first state report says
    // where), which carries no script URL: the whole microtask checkpoint that builds the panel frame
    // is the content script's (the fixture pages build no frames), its JavaScript as well as the frame.
    for (const built of frameEvents) {
      if (ownEvents.some((task) => within(built, task))) continue;
      const mount = microtasks.find((checkpoint) => within(built, checkpoint)) ?? built;
      if (ownEvents.includes(mount)) continue;
      ownEvents.push(mount);
      const thread = `${mount.pid}:${mount.tid}`;
      own.set(thread, [...(own.get(thread) ?? []), [mount.ts, mount.ts + mount.dur!]]);
    }
    // CPU time: top-level content-script events only (one nested in another would count twice).
    const topLevel = ownEvents.filter((e) => !ownEvents.some((outer) => within(e, outer)));
    const allCpu = topLevel.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    const frameCpu = frameEvents.filter((f) => topLevel.includes(f) || topLevel.some((e) => within(f, e))).reduce((sum, f) => sum + (f.tdur ?? 0), 0) / 1000;
    if (!own.size) throw new Error(`the trace has no main-thread script event for ${CONTENT_SCRIPT} (categories ${TRACE_CATEGORIES})`);
    let all = 0;
    let frame = 0;
    let framesOutside = 0;
    for (const [thread, spans] of own) {
      const script = union(spans);
      all += total(script);
      const built = union(frames.get(thread) ?? []);
      const inside = overlap(script, built);
      frame += inside;
      if (total(built) - inside > 0) framesOutside++;
    }
    return { all: all / 1000, frame: frame / 1000, framesOutside, allCpu, frameCpu };
  } finally {
    await page.close();
  }
}

/**
 * Splits the content script's main-thread time, from Chrome traces of separate loads (tracing slows
 * the page a little, so these are not mixed with the ScriptDuration loads above). Unlike
 * ScriptDuration, this counts the promise continuation that mounts the panel, so the script's JavaScript
 * (without Chromium building the frame) is held to the same target.
 */
async function scriptAttribution(withExt: RapportBrowser, scriptDurationAdded: number): Promise<void> {
  const loads: TracedLoad[] = [];
  for (let run = 0; run < TRACE_RUNS; run++) loads.push(await tracedLoad(withExt));
  const all = stats(loads.map((l) => l.all));
  const frame = stats(loads.map((l) => l.frame));
  const own = stats(loads.map((l) => l.all - l.frame));
  const allCpu = stats(loads.map((l) => l.allCpu));
  const frameCpu = stats(loads.map((l) => l.frameCpu));
  const ownCpu = stats(loads.map((l) => l.allCpu - l.frameCpu));
  const noFrame = loads.filter((l) => l.frame === 0).length;
  const outside = loads.filter((l) => l.framesOutside > 0).length;
  const samples = (pick: (l: TracedLoad) => number) => loads.map((l) => pick(l).toFixed(1)).join(' ');
  const pass = ownCpu.median < targets.addedScriptMs;
  table(
    `4b. Where the content script's main-thread time goes: Chrome trace of ${TRACE_RUNS} further loads with the extension`,
    ['content script on the call page main thread (trace)', 'median', 'min', 'max', 'target', ''],
    [
      ['content script, all main-thread time (trace)', ms(all.median), ms(all.min), ms(all.max), '', ''],
      ['  of which Chromium building the panel frame (LoadOrRedirectSubframe)', ms(frame.median), ms(frame.min), ms(frame.max), '', ''],
      ['  content script JavaScript without the frame', ms(own.median), ms(own.min), ms(own.max), '', ''],
      ['content script, all main-thread CPU time (trace)', ms(allCpu.median), ms(allCpu.min), ms(allCpu.max), '', ''],
      ['  of which Chromium building the panel frame, CPU', ms(frameCpu.median), ms(frameCpu.min), ms(frameCpu.max), '', ''],
      [
        '  content script JavaScript without the frame, CPU',
        ms(ownCpu.median),
        ms(ownCpu.min),
        ms(ownCpu.max),
        `< ${targets.addedScriptMs} ms`,
        check('content script JavaScript at load, panel mount included (trace CPU)', pass),
      ],
    ],
    [
      `samples, all (ms):              ${samples((l) => l.all)}`,
      `samples, frame (ms):            ${samples((l) => l.frame)}`,
      `samples, without frame (ms):    ${samples((l) => l.all - l.frame)}`,
      `samples, all CPU (ms):          ${samples((l) => l.allCpu)}`,
      `samples, without frame, CPU:    ${samples((l) => l.allCpu - l.frameCpu)}`,
      'Wall time (first rows) stretches when other work shares the CPU; the thread CPU time (last rows) is what the',
      'content script itself costs, and stays steady on a busy machine.',
      `All = the content script's tasks on the call page's main thread (EvaluateScript: compile, run, extension bindings;`,
      `FunctionCall: its timers and event listeners, i.e. events whose script is ${CONTENT_SCRIPT}) and the promise`,
      'continuation that mounts the panel (the microtask checkpoint that builds its frame: the fixture pages build none).',
      'ScriptDuration (table 4) leaves most of that continuation out (a 3 ms busy loop added to the mount raised it by',
      'about 1 ms in an A/B of 16 loads), so table 4 reads low; this row is held to the same target. Other promise',
      'continuations (message replies) carry no script URL and are left out.',
      'The frame part is Chromium creating the panel <iframe>\'s first document when the script appends it: the price of',
      'the architecture (the panel is an extension page in an iframe, so patient data never enters the call page).',
      `For scale: ScriptDuration added in the loads above was ${ms(scriptDurationAdded)} (median); these loads are separate and traced.`,
      ...(noFrame ? [`warning: in ${noFrame} load(s) no panel frame building was found.`] : []),
      ...(outside ? [`warning: in ${outside} load(s) panel frame building also ran outside the content script's tasks (not counted).`] : []),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// 5: opening large records (options page with many patients, history of a long-standing patient)

/** The extension API inside page.evaluate on an extension page (the function runs there, not here). */
declare const chrome: {
  storage: {
    local: {
      get(keys: null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      getBytesInUse(keys: string[] | null): Promise<number>;
    };
  };
};

const LARGE_PATIENTS = 1000;
/** An empty extension page written into the measured copy of the build: the floor for opening any page. */
const BLANK_PAGE = 'bench-blank.html';
/** How many patients the options page lists before "Show all" (components/OptionsApp.tsx FIRST_PAGE). */
const FIRST_PAGE = 100;
const LARGE_HISTORY_VISITS = 200;
const LARGE_RUNS = 10;
const MEETING_KEY = 'meet:abc-defg-hij';

/** Small deterministic PRNG (mulberry32), so every run seeds the same shape of data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}

interface LargeData {
  items: Record<string, unknown>;
  /** The patient with LARGE_HISTORY_VISITS finished visits, and one without any (to switch away): the first two by name. */
  busy: { id: string; name: string };
  idle: { id: string; name: string };
  /** The options page's first page of patients, as it should read: "<name> <n> visits", by name. */
  firstPage: string[];
  visitCount: number;
  patientsWithVisits: number;
}

/**
 * The background's own `indexEntry`, so the seeded visit index is exactly what Rapport would write.
 * Product modules import each other Vite's way (no file extensions), so Vite bundles this one.
 */
async function productIndexEntry(): Promise<(visit: unknown) => unknown> {
  const root = resolve(import.meta.dirname, '..');
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@': root } },
    build: { write: false, minify: false, lib: { entry: join(root, 'utils/history.ts'), formats: ['es'], fileName: 'history' } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: { code?: string }[] };
  const dir = await mkdtemp(join(tmpdir(), 'rapport-bench-module-'));
  const file = join(dir, 'history.mjs');
  await writeFile(file, output.output[0]!.code!);
  try {
    return ((await import(pathToFileURL(file).href)) as { indexEntry: (visit: unknown) => unknown }).indexEntry;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 1,000 patients with a few notes, ~10% with 1-5 finished visits, one with 200, and an open visit on the Meet fixture. */
function largeData(indexEntry: (visit: unknown) => unknown): LargeData {
  const rand = prng(20240601);
  const firsts = ['Ada', 'Amara', 'Ben', 'Carmen', 'Chen', 'Dana', 'Diego', 'Elif', 'Emeka', 'Farah', 'Grace', 'Hamid', 'Ines', 'Ivan', 'Jae', 'Kofi', 'Lena', 'Luis', 'Maya', 'Mei', 'Nadia', 'Noah', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tariq', 'Uma', 'Vera', 'Wen', 'Yara', 'Yusuf', 'Zoe', 'Hana', 'Omar', 'Lars', 'Sofia', 'Theo', 'Aiko'];
  const lasts = ['Okafor', 'Nguyen', 'García', 'Kowalski', 'Haddad', 'Silva', 'Müller', 'Tanaka', 'Osei', 'Rossi', 'Petrov', 'Kaur', 'Dubois', 'Yilmaz', 'Mensah', 'Andersen', 'Costa', 'Ibrahim', 'Novak', 'Park', 'Reyes', 'Schmidt', 'Takahashi', 'Wójcik', 'Alvarez', 'Byrne', 'Cohen', 'Das', 'Eriksen', 'Fischer'];
  const names: string[] = [];
  for (const first of firsts) for (const last of lasts) names.push(`${first} ${last}`);
  for (let i = names.length - 1; i > 0; i--) {
    const j = rand.int(0, i);
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  // The busy and idle patients (indexes 0 and 1) are the first two by name, both on the options page's first page.
  const byName = new Intl.Collator();
  for (const slot of [0, 1]) {
    let first = slot;
    for (let i = slot + 1; i < LARGE_PATIENTS; i++) if (byName.compare(names[i]!, names[first]!) < 0) first = i;
    [names[slot], names[first]] = [names[first]!, names[slot]!];
  }
  const hobbies = ['gardening', 'hiking with her dog', 'pickup basketball', 'choir on Thursdays', 'woodworking', 'salsa dancing', 'grandkids', 'trail running', 'fishing', 'painting'];
  const whys = ['wants to lift grandkids again', 'back to running a 10k', 'sleep through the night without pain', 'return to work on the warehouse floor', 'play a full round of golf'];
  const practiceIds = defaultProtocol.flatMap((section) => section.items.map((item) => item.id));
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;

  const patients: Record<string, unknown> = {};
  const ids: string[] = [];
  for (let i = 0; i < LARGE_PATIENTS; i++) {
    const id = randomUUID();
    ids.push(id);
    const createdAt = now - rand.int(30, 1500) * day;
    const some = rand.next() < 0.6;
    patients[id] = {
      id,
      createdAt,
      updatedAt: createdAt + rand.int(0, 20) * day,
      notes: {
        preferredName: names[i]!,
        pronunciation: some ? `${names[i]!.split(' ')[0]!.toUpperCase()}-ah` : '',
        pronouns: rand.pick(['she/her', 'he/him', 'they/them', '']),
        language: some ? rand.pick(['Spanish', 'Yoruba', 'Polish', 'Arabic', '']) : '',
        greeting: some ? rand.pick(['Hola', 'Ẹ kú àárọ̀', 'Dzień dobry', 'Marhaba', '']) : '',
        hobbies: rand.pick(hobbies),
        why: rand.next() < 0.5 ? rand.pick(whys) : '',
        expectations: rand.next() < 0.3 ? 'Clear plan and exercises to do at home' : '',
        optionsOffered: '',
        optionChosen: '',
        northStar: rand.next() < 0.3 ? rand.pick(whys) : '',
        shortTermGoals: '',
        askNextTime: rand.next() < 0.3 ? `How the ${rand.pick(hobbies)} went` : '',
      },
    };
  }

  const visits: Record<string, unknown> = {};
  let visitCount = 0;
  const finishedVisit = (patientId: string, startedAt: number) => {
    const id = randomUUID();
    const length = rand.int(30, 55) * 60_000;
    const endedAt = startedAt + length;
    const count = rand.int(20, 60);
    const slot = length / count;
    const segments = [];
    let speaker: 'patient' | 'therapist' = 'patient';
    for (let s = 0; s < count; s++) {
      const start = Math.round(startedAt + s * slot + rand.next() * slot * 0.1);
      segments.push({ speaker, start, end: Math.round(start + slot * (0.5 + rand.next() * 0.4)), source: 'manual' });
      if (rand.next() < 0.8) speaker = speaker === 'patient' ? 'therapist' : 'patient';
    }
    const checked: Record<string, number> = {};
    const ticked = [...practiceIds].sort(() => rand.next() - 0.5).slice(0, rand.int(10, 20));
    for (const item of ticked) checked[item] = startedAt + rand.int(0, length);
    const openingStart = startedAt + rand.int(10, 60) * 1000;
    visits[id] = {
      ...newVisit(id, MEETING_KEY, patientId, startedAt - rand.int(0, 120) * 1000),
      startedAt,
      endedAt,
      checked,
      talk: { segments, opening: { startedAt: openingStart, endedAt: openingStart + rand.int(40, 150) * 1000 } },
      followUp: rand.pick(['in two weeks', 'next Tuesday', 'in a month', '']),
    };
    visitCount++;
  };

  const busy = { id: ids[0]!, name: names[0]! };
  for (let v = 0; v < LARGE_HISTORY_VISITS; v++) finishedVisit(busy.id, now - (LARGE_HISTORY_VISITS - v) * 3.5 * day + rand.int(-3, 3) * 3_600_000);
  let patientsWithVisits = 1;
  for (let i = 1; i < LARGE_PATIENTS; i++) {
    if (i % 10 !== 0) continue;
    patientsWithVisits++;
    const count = rand.int(1, 5);
    for (let v = 0; v < count; v++) finishedVisit(ids[i]!, now - (count - v) * 7 * day);
  }
  const idle = { id: ids[1]!, name: names[1]! };
  // The visit under way on the Meet fixture: with the busy patient, started a moment ago.
  visits.current = { ...newVisit('current', MEETING_KEY, busy.id, now), startedAt: now };
  const meetings = { [MEETING_KEY]: { patientId: busy.id, openVisitId: 'current' } };
  const version = { v: 1 };
  // As Rapport stores them: each visit under its own key, and the index beside them.
  const visitRecords = Object.fromEntries(Object.entries(visits).map(([id, visit]) => [`visit:${id}`, visit]));
  const visitIndex = Object.fromEntries(Object.entries(visits).map(([id, visit]) => [id, indexEntry(visit)]));
  // The patient directory as the background writes it, by Rapport's own derivation.
  const directory = patientDirectory(patients as Parameters<typeof patientDirectory>[0], Object.values(visitIndex));
  const firstPage = sortedDirectory(directory)
    .slice(0, FIRST_PAGE)
    .map((row) => `${row.preferredName} ${row.visits} ${row.visits === 1 ? 'visit' : 'visits'}`);
  return {
    items: {
      patients,
      'patients$': version,
      ...visitRecords,
      visitIndex,
      'visitIndex$': version,
      meetings,
      'meetings$': version,
      patientDirectory: directory,
      'patientDirectory$': version,
    },
    busy,
    idle,
    firstPage,
    visitCount,
    patientsWithVisits,
  };
}

type ListTimes = { directoryRead?: number; listed?: number; painted?: Promise<number>; restRead?: Promise<number> };
type OptionsMilestones = { dcl: number; fcp: number; directoryRead: number; listed: number; painted: number; restRead: number };

/**
 * Runs in every frame of the timed options pages before their own scripts (page.addInitScript);
 * acts only on options.html. Marks (performance.now(), i.e. ms since navigation start):
 * - the patient directory read: the chrome.storage.local.get that returns it resolving in the page;
 * - the first page listed: `firstPage` patient buttons in the list and the status reading
 *   "<total> patients; showing <firstPage>" (names and visit counts both come from the directory);
 * - the end of the next frame's rendering after that: a message posted from requestAnimationFrame
 *   runs once style, layout and paint of that frame are done;
 * - the rest read after the paint (patients' notes, visit index...): the get that returns visitIndex.
 */
function markOptionsListed({ total, firstPage }: { total: number; firstPage: number }): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/options.html')) return;
  const times: ListTimes = {};
  (window as unknown as { __benchList: ListTimes }).__benchList = times;
  let resolvePaint: (at: number) => void;
  times.painted = new Promise((resolve) => (resolvePaint = resolve));
  let resolveRest: (at: number) => void;
  times.restRead = new Promise((resolve) => (resolveRest = resolve));
  type Get = (...args: unknown[]) => Promise<Record<string, unknown>> | undefined;
  const local = (globalThis as unknown as { chrome?: { storage?: { local?: { get: Get } } } }).chrome?.storage?.local;
  if (local) {
    const get = local.get.bind(local);
    const note = (result: Record<string, unknown>) => {
      // Keys asked for come back only when stored; the page asks for each collection with its meta key.
      if (result && 'patientDirectory' in result) times.directoryRead ??= performance.now();
      if (result && 'visitIndex' in result) resolveRest(performance.now());
      return result;
    };
    local.get = (...args: unknown[]) => {
      const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (result: Record<string, unknown>) => void) : undefined;
      const pending = get(...args)!.then(note);
      if (!callback) return pending;
      void pending.then(callback);
      return undefined;
    };
  }
  const status = `${total} patients; showing ${firstPage}`;
  const observer = new MutationObserver(() => {
    // Cheap test first (runs on every mutation during the load), the full count once it may be there.
    if ((document.querySelector('.patient-list')?.childElementCount ?? 0) < firstPage) return;
    if (document.querySelectorAll('.patient-list button').length !== firstPage) return;
    if (document.querySelector('section[aria-labelledby="patients-heading"] [role="status"]')?.textContent !== status) return;
    times.listed = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolvePaint(performance.now());
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Init script for the blank extension page: the end of the first frame after its content is parsed, as for the list. */
function markBlankPainted(): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/bench-blank.html')) return;
  const w = window as unknown as { __benchBlank: Promise<number> };
  w.__benchBlank = new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    ),
  );
}

async function blankMilestones(): Promise<{ fcp: number; painted: number }> {
  const painted = await (window as unknown as { __benchBlank: Promise<number> }).__benchBlank;
  const fcp = await new Promise<number>((resolve) => {
    const entry = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    if (entry() !== undefined) return resolve(entry()!);
    new PerformanceObserver(() => entry() !== undefined && resolve(entry()!)).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(entry() ?? NaN), 1000);
  });
  return { fcp, painted };
}

/** In the options page: its load milestones (ms since navigation start), waiting for the list to be painted and the rest read. */
async function optionsMilestones(): Promise<OptionsMilestones> {
  const times = (window as unknown as { __benchList?: ListTimes }).__benchList;
  if (!times?.painted || !times.restRead) throw new Error('the options page timing script was not installed');
  const painted = await times.painted;
  const restRead = await times.restRead;
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  // The first paint's presentation time is reported a little after the frame: wait for it (briefly).
  const fcp = await new Promise<number>((resolve) => {
    const entry = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    if (entry() !== undefined) return resolve(entry()!);
    new PerformanceObserver(() => entry() !== undefined && resolve(entry()!)).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(entry() ?? NaN), 1000);
  });
  return { dcl: nav.domContentLoadedEventEnd, fcp, directoryRead: times.directoryRead ?? NaN, listed: times.listed!, painted, restRead };
}

interface StorageReads {
  wrapped: boolean;
  /** Each chrome.storage.local.get: when it resolved (performance.now()) and how many JSON characters it returned. */
  log: { at: number; chars: number }[];
}

/**
 * Init script for one untimed options page load: logs the chrome.storage.local.get calls the page
 * makes, when each resolved and the size of what it returned (JSON characters, as getBytesInUse counts them).
 */
function countStorageReads(): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/options.html')) return;
  type Get = (...args: unknown[]) => Promise<Record<string, unknown>> | undefined;
  const local = (globalThis as unknown as { chrome?: { storage?: { local?: { get: Get } } } }).chrome?.storage?.local;
  const reads: StorageReads = { wrapped: !!local, log: [] };
  (window as unknown as { __benchReads: StorageReads }).__benchReads = reads;
  if (!local) return;
  const get = local.get.bind(local);
  const count = (result: Record<string, unknown>) => {
    const at = performance.now();
    let chars = 0;
    for (const [key, value] of Object.entries(result ?? {})) chars += key.length + JSON.stringify(value).length;
    reads.log.push({ at, chars });
    return result;
  };
  local.get = (...args: unknown[]) => {
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (result: Record<string, unknown>) => void) : undefined;
    const pending = get(...args)!.then(count);
    if (!callback) return pending;
    void pending.then(callback);
    return undefined;
  };
}

/** In an extension page: how long one chrome.storage.local.get(null) takes (ms), run `runs` times. */
async function readAllStorage(runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await chrome.storage.local.get(null);
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * In a frame, before the click that opens a history: times (performance.now()) from the click
 * reaching the frame (capture listener on window, ahead of the app's own handler) to the table
 * holding `rows` body rows, and to the end of the next frame's rendering.
 */
function armHistoryTimer(rows: number): void {
  const w = window as unknown as { __benchHistory?: Promise<{ clicked: number; rows: number; painted: number }> };
  let clicked: number | undefined;
  let inDom: number | undefined;
  w.__benchHistory = new Promise((resolve) => {
    window.addEventListener('click', () => (clicked ??= performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (clicked === undefined || inDom !== undefined) return;
      if (document.querySelectorAll('.history-table tbody tr').length !== rows) return;
      inDom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ clicked: clicked!, rows: inDom!, painted: performance.now() });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

function historyTimes(): Promise<{ clicked: number; rows: number; painted: number }> {
  const w = window as unknown as { __benchHistory?: Promise<{ clicked: number; rows: number; painted: number }> };
  if (!w.__benchHistory) throw new Error('the history timing script was not armed');
  return w.__benchHistory;
}

interface HistorySample {
  rows: number;
  painted: number;
}

/** Times LARGE_RUNS openings of a history: `open` clicks, `close` puts the view back before the next run. */
async function timeHistoryOpenings(frame: Frame, open: () => Promise<void>, close: () => Promise<void>): Promise<HistorySample[]> {
  const samples: HistorySample[] = [];
  // One discarded warm-up opening (first use of the code paths), then the timed runs.
  for (let run = -1; run < LARGE_RUNS; run++) {
    await frame.evaluate(armHistoryTimer, LARGE_HISTORY_VISITS);
    await open();
    const t = await withTimeout(frame.evaluate(historyTimes), `the history table with ${LARGE_HISTORY_VISITS} rows`);
    if (run >= 0) samples.push({ rows: t.rows - t.clicked, painted: t.painted - t.clicked });
    await close();
  }
  return samples;
}

async function largeRecords(browser: RapportBrowser): Promise<void> {
  const { context } = browser;
  const base = `chrome-extension://${browser.extensionId}`;
  const data = largeData(await productIndexEntry());

  // Seed from an extension page (it has chrome.storage), then measure what it takes.
  const seeder = await context.newPage();
  let storedBytes: { all: number; patients: number; visits: number; index: number; directory: number };
  let readAll: number[];
  try {
    await seeder.goto(`${base}/options.html`);
    await seeder.evaluate((items) => chrome.storage.local.set(items), data.items);
    storedBytes = await seeder.evaluate(async () => ({
      all: await chrome.storage.local.getBytesInUse(null),
      patients: await chrome.storage.local.getBytesInUse(['patients']),
      visits: await chrome.storage.local.getBytesInUse(Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('visit:'))),
      index: await chrome.storage.local.getBytesInUse(['visitIndex']),
      directory: await chrome.storage.local.getBytesInUse(['patientDirectory']),
    }));
    // Context: what reading everything once costs, the floor for a page that does so on open.
    readAll = (await seeder.evaluate(readAllStorage, 6)).slice(1);
  } finally {
    await seeder.close();
  }

  // (a) Fresh options page loads: navigation start -> the directory read, the first page of patients
  // listed (names and visit counts), painted, and the rest of the data read after that.
  const listing = { total: LARGE_PATIENTS, firstPage: FIRST_PAGE };
  const statusText = `${LARGE_PATIENTS} patients; showing ${FIRST_PAGE}`;
  const loads: OptionsMilestones[] = [];
  for (let run = -1; run < LARGE_RUNS; run++) {
    const page = await context.newPage();
    try {
      await page.addInitScript(markOptionsListed, listing);
      await page.bringToFront();
      await page.goto(`${base}/options.html`, { waitUntil: 'commit' });
      const milestones = await withTimeout(page.evaluate(optionsMilestones), `the options page listing ${FIRST_PAGE} of ${LARGE_PATIENTS} patients`);
      const status = await page.getByRole('region', { name: 'Patients' }).getByRole('status').textContent();
      if (status !== statusText) throw new Error(`the options page status reads "${status}"`);
      if (run >= 0) loads.push(milestones);
    } finally {
      await page.close();
    }
  }

  // Context: the same navigation to a blank extension page, painted (the floor for any extension page here).
  const blanks: { fcp: number; painted: number }[] = [];
  for (let run = -1; run < LARGE_RUNS; run++) {
    const page = await context.newPage();
    try {
      await page.addInitScript(markBlankPainted);
      await page.bringToFront();
      await page.goto(`${base}/${BLANK_PAGE}`, { waitUntil: 'commit' });
      const times = await withTimeout(page.evaluate(blankMilestones), 'the blank extension page');
      if (run >= 0) blanks.push(times);
    } finally {
      await page.close();
    }
  }

  // One more load, untimed: what the page reads from storage before its list is painted and after,
  // and that the painted page is the right one (names in order, each with its visit count).
  const counted = await context.newPage();
  let reads: StorageReads;
  let countedPaint: number;
  try {
    await counted.addInitScript(countStorageReads);
    await counted.addInitScript(markOptionsListed, listing);
    await counted.goto(`${base}/options.html`, { waitUntil: 'commit' });
    countedPaint = (await withTimeout(counted.evaluate(optionsMilestones), `the options page listing ${FIRST_PAGE} of ${LARGE_PATIENTS} patients`)).painted;
    reads = await counted.evaluate(() => (window as unknown as { __benchReads: StorageReads }).__benchReads);
    const listedNames = await counted.locator('.patient-list button').evaluateAll((buttons) => buttons.map((b) => b.textContent));
    const wrong = data.firstPage.findIndex((name, i) => listedNames[i] !== name);
    if (listedNames.length !== data.firstPage.length || wrong >= 0) {
      throw new Error(`the options page lists "${listedNames[wrong]}" where the directory says "${data.firstPage[wrong]}"`);
    }
  } finally {
    await counted.close();
  }
  const readsBefore = reads.log.filter((r) => r.at <= countedPaint);
  const charsOf = (list: { chars: number }[]) => list.reduce((sum, r) => sum + r.chars, 0);

  // (b1) The history in the in-page panel on the Meet fixture, whose visit is with the busy patient.
  const call = await context.newPage();
  let panelSamples: HistorySample[];
  try {
    await call.goto(MEET_URL);
    await call.bringToFront();
    const frame = await panelFrame(call);
    const button = frame.getByRole('button', { name: 'History', exact: true });
    await button.waitFor({ timeout: STEP_TIMEOUT_MS });
    const heading = await frame.locator('.patient-name').textContent();
    if (!heading?.includes(data.busy.name)) throw new Error(`the panel shows "${heading}", not the patient with ${LARGE_HISTORY_VISITS} visits`);
    panelSamples = await timeHistoryOpenings(
      frame,
      () => button.click(),
      async () => {
        await button.click();
        await frame.locator('.history-table').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      },
    );
  } finally {
    await call.close();
  }

  // (b2) The same history on the options page: click the patient, switch to one without visits between runs.
  const options = await context.newPage();
  let optionsSamples: HistorySample[];
  try {
    await options.bringToFront();
    await options.goto(`${base}/options.html`);
    await options.getByRole('region', { name: 'Patients' }).getByRole('status').filter({ hasText: statusText }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const list = options.locator('.patient-list');
    const busy = list.getByRole('button', { name: `${data.busy.name} ${LARGE_HISTORY_VISITS} visits`, exact: true });
    const idle = list.getByRole('button', { name: `${data.idle.name} 0 visits`, exact: true });
    const showIdle = async () => {
      await idle.click();
      await options.getByText('No finished visits yet.').waitFor({ timeout: STEP_TIMEOUT_MS });
    };
    await showIdle();
    optionsSamples = await timeHistoryOpenings(options.mainFrame(), () => busy.click(), showIdle);
  } finally {
    await options.close();
  }

  const directoryRead = stats(loads.map((l) => l.directoryRead));
  const listed = stats(loads.map((l) => l.listed));
  const restRead = stats(loads.map((l) => l.restRead));
  const read = stats(readAll);
  const listPainted = stats(loads.map((l) => l.painted));
  const dcl = stats(loads.map((l) => l.dcl));
  const fcp = stats(loads.map((l) => l.fcp));
  const panelRows = stats(panelSamples.map((s) => s.rows));
  const panelPainted = stats(panelSamples.map((s) => s.painted));
  const optionsRows = stats(optionsSamples.map((s) => s.rows));
  const optionsPainted = stats(optionsSamples.map((s) => s.painted));
  const within = (median: number, target: number) => [`< ${target} ms`, pct(median, target)];
  const samples = (list: number[]) => list.map((n) => n.toFixed(0)).join(' ');
  const blankPainted = stats(blanks.map((b) => b.painted));
  const blankFcp = stats(blanks.map((b) => b.fcp));
  table(
    `5. Opening large records, measured in the browser (${LARGE_RUNS} runs each, after one discarded warm-up)`,
    ['milestone', 'median', 'min', 'max', 'target', 'of target', ''],
    [
      [`options page, ${LARGE_PATIENTS.toLocaleString('en-US')} patients: from navigation start`, '', '', '', '', '', ''],
      ['  DOMContentLoaded', ms(dcl.median), ms(dcl.min), ms(dcl.max), '', '', ''],
      ['  first-contentful-paint', ms(fcp.median), ms(fcp.min), ms(fcp.max), '', '', ''],
      ['  patient directory read (names and visit counts, one storage call)', ms(directoryRead.median), ms(directoryRead.min), ms(directoryRead.max), '', '', ''],
      [`  first ${FIRST_PAGE} patients listed, visit counts shown: status "${statusText}"`, ms(listed.median), ms(listed.min), ms(listed.max), '', '', ''],
      [
        '  ... and painted (end of the next frame)',
        ms(listPainted.median),
        ms(listPainted.min),
        ms(listPainted.max),
        ...within(listPainted.median, targets.largeOpenMs),
        check(`options page with ${LARGE_PATIENTS.toLocaleString('en-US')} patients`, listPainted.median < targets.largeOpenMs),
      ],
      ['  after the paint: patients\' notes and the visit index read (for a history)', ms(restRead.median), ms(restRead.min), ms(restRead.max), '', '', ''],
      ['context: a blank extension page from navigation start: painted (end of the first frame)', ms(blankPainted.median), ms(blankPainted.min), ms(blankPainted.max), '', '', ''],
      ['  ... and its first-contentful-paint', ms(blankFcp.median), ms(blankFcp.min), ms(blankFcp.max), '', '', ''],
      ['context: one chrome.storage.local.get(null) of the seeded data', ms(read.median), ms(read.min), ms(read.max), '', '', ''],
      [`history of ${LARGE_HISTORY_VISITS} visits, in-page panel: from the click on "History"`, '', '', '', '', '', ''],
      [`  ${LARGE_HISTORY_VISITS} table rows in the DOM`, ms(panelRows.median), ms(panelRows.min), ms(panelRows.max), '', '', ''],
      [
        '  ... and painted (end of the next frame)',
        ms(panelPainted.median),
        ms(panelPainted.min),
        ms(panelPainted.max),
        ...within(panelPainted.median, targets.largeOpenMs),
        check(`history of ${LARGE_HISTORY_VISITS} visits in the panel`, panelPainted.median < targets.largeOpenMs),
      ],
      [`history of ${LARGE_HISTORY_VISITS} visits, options page: from the click on the patient`, '', '', '', '', '', ''],
      [`  ${LARGE_HISTORY_VISITS} table rows in the DOM`, ms(optionsRows.median), ms(optionsRows.min), ms(optionsRows.max), '', '', ''],
      [
        '  ... and painted (end of the next frame)',
        ms(optionsPainted.median),
        ms(optionsPainted.min),
        ms(optionsPainted.max),
        ...within(optionsPainted.median, targets.largeOpenMs),
        check(`history of ${LARGE_HISTORY_VISITS} visits on the options page`, optionsPainted.median < targets.largeOpenMs),
      ],
    ],
    [
      `samples, options list painted (ms):    ${samples(loads.map((l) => l.painted))}`,
      `samples, panel history painted (ms):   ${samples(panelSamples.map((s) => s.painted))}`,
      `samples, options history painted (ms): ${samples(optionsSamples.map((s) => s.painted))}`,
      `Seeded: ${LARGE_PATIENTS.toLocaleString('en-US')} patients (${data.patientsWithVisits} with finished visits), ${data.visitCount.toLocaleString('en-US')} finished visits`,
      `(20-60 talk segments, 10-20 ticked practices and an opening each; one patient has ${LARGE_HISTORY_VISITS}), plus the open visit on ${MEETING_KEY}.`,
      `chrome.storage.local in use: ${bytes(storedBytes.all)} (${kb(storedBytes.all)}; patients ${kb(storedBytes.patients)}, visits ${kb(storedBytes.visits)} in one key each, visit index ${kb(storedBytes.index)}, patient directory ${kb(storedBytes.directory)}).`,
      'On open the panel reads the patients, meeting links and visit index once (each entry validated), and only the visit it shows;',
      'the options page reads the patient directory, lists the first page of it, and reads the rest after that list is painted.',
      'Change events carry new values, so a change is never read back.',
      reads.wrapped
        ? `Options page storage reads (separate, untimed load): before its list was painted ${readsBefore.length} chrome.storage.local.get calls returning ${kb(charsOf(readsBefore))}; ` +
          `${reads.log.length} calls returning ${kb(charsOf(reads.log))} in all (${ratio(charsOf(reads.log), storedBytes.all)} the stored data).`
        : 'warning: could not count the options page\'s storage reads (chrome.storage.local missing at document start).',
      `The blank page (${BLANK_PAGE}, one paragraph, no script) is written into the measured copy of the build only, and timed the same way.`,
      'Times are performance.now() in the page or frame: the list from its navigation start; a history from the click event',
      'reaching the frame (a capture listener, ahead of the app\'s handler). "Painted" = a message posted from the next',
      'requestAnimationFrame, which runs after that frame\'s style, layout and paint. Own browser profile, removed afterwards.',
    ],
  );
}

// ---------------------------------------------------------------------------------------------

/** The id Chromium gives an unpacked extension: derived from its directory's path. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Launches with the extension loaded from the snapshot, not from .output (a rebuild during the run
 * would swap files under the running browser). Chromium keeps the last of repeated switches, so
 * these override the harness's own --load-extension / --disable-extensions-except.
 */
async function launchWithSnapshot(port: number, snapshot: string): Promise<RapportBrowser> {
  const browser = await launchChromium({
    port,
    withExtension: true,
    args: [`--disable-extensions-except=${snapshot}`, `--load-extension=${snapshot}`],
  });
  if (browser.extensionId !== unpackedExtensionId(snapshot)) {
    await browser.close();
    throw new Error(`Chromium did not load the extension from the snapshot ${snapshot} (got id ${browser.extensionId})`);
  }
  return browser;
}

async function chromiumVersion(browser: RapportBrowser): Promise<string> {
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return product;
  } catch {
    return await page.evaluate(() => navigator.userAgent);
  } finally {
    await page.close();
  }
}

const allSections = ['sizes', 'load', 'records', 'talk'] as const;
type Section = (typeof allSections)[number];

/** `npm run bench -- records` runs only the named sections (sizes, load, records, talk); none named runs all. */
function chosenSections(args: string[]): Set<Section> | string {
  const unknown = args.filter((arg) => !(allSections as readonly string[]).includes(arg));
  if (unknown.length) return `unknown section "${unknown[0]}"; choose from ${allSections.join(', ')}`;
  return new Set((args.length ? args : allSections) as Section[]);
}

async function main(): Promise<number> {
  const sections = chosenSections(process.argv.slice(2));
  if (typeof sections === 'string') {
    console.error(`bench: ${sections}`);
    return 2;
  }
  let chromium: string;
  try {
    chromium = chromiumPath();
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 1;
  }
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    console.error(`bench: no built extension at ${extensionDir}. Run "npm run bench" (which builds first) or "npm run build".`);
    return 1;
  }

  const started = Date.now();
  let snapshot: string | undefined;
  let server: FixtureServer | undefined;
  let withExt: RapportBrowser | undefined;
  let without: RapportBrowser | undefined;
  /** Section 5's own profile: its seeded records cannot leak into the other sections. */
  let large: RapportBrowser | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await large?.close().catch(() => {});
      await without?.close().catch(() => {});
      await withExt?.close().catch(() => {});
      await server?.close().catch(() => {});
      if (snapshot) await rm(join(snapshot, '..'), { recursive: true, force: true }).catch(() => {});
    })());
  // Interrupted (Ctrl+C, kill): still close the browsers and remove the temporary directories.
  // Playwright's own SIGINT/SIGTERM handlers kill the browsers and call process.exit, which can cut
  // the async cleanup short, so the directories are also removed synchronously on exit.
  const onExit = () => {
    for (const dir of [snapshot && join(snapshot, '..'), withExt?.userDataDir, without?.userDataDir, large?.userDataDir]) {
      if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  };
  process.once('exit', onExit);
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\nbench: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Measure one consistent build even if someone rebuilds .output while this runs.
    const snapshotRoot = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
    snapshot = join(snapshotRoot, 'chrome-mv3');
    await cp(extensionDir, snapshot, { recursive: true });
    // Section 5's floor: a blank page of the extension's own, in the copy only (never in the build).
    await writeFile(join(snapshot, BLANK_PAGE), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><p>Blank page</p></body></html>');
    server = await startFixtureServer();
    withExt = await launchWithSnapshot(server.port, snapshot);
    console.log('Rapport benchmark');
    console.log(`  node      ${process.version}`);
    console.log(`  chromium  ${await chromiumVersion(withExt)} (${chromium}, headless)`);
    console.log(`  build     ${relative(process.cwd(), extensionDir) || extensionDir} (copied to ${snapshot} for the run)`);
    console.log(`  machine   ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} (timings are noisy on a busy machine)`);
    console.log('  kB = 1000 bytes; gzip is zlib level 9');

    if (sections.has('sizes')) {
      await contentScriptSize(snapshot);
      await panelBundleSize(snapshot);
    }
    if (sections.has('load')) {
      await firstPaint(withExt.context);
      without = await launchChromium({ port: server.port, withExtension: false });
      const added = await scriptTime(withExt, without);
      await scriptAttribution(withExt, added);
    }
    // Each section measures alone: the browsers of the sections above, idle call pages and all, close first.
    await without?.close();
    without = undefined;
    await withExt.close();
    withExt = undefined;
    if (sections.has('records')) {
      large = await launchWithSnapshot(server.port, snapshot);
      await largeRecords(large);
      await large.close();
      large = undefined;
    }
    // Automatic talk time needs no browser (also alone: node scripts/with-node.mjs scripts/bench-talk.ts).
    if (sections.has('talk')) missed.push(...(await talkTimeBench()).missed);
  } catch (error) {
    if (interrupted) return 130;
    console.error(`\nbench failed: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  console.log(`\n${missed.length ? `MISSED ${missed.length} target(s): ${missed.join('; ')}` : 'All targets met.'}`);
  console.log(`(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return 0;
}

// Output piped into `head` and the like: keep running (and cleaning up) when stdout closes.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
process.exitCode = await main();
