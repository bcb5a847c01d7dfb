// Automatic talk time: how right and how cheap the engine is, on the talk-time fixtures
// (tests/fixtures/audio, made by scripts/make-talk-fixtures.ts).
// - Accuracy: each fixture goes through scripts/talk-time.ts itself (analyseTracks ->
//   conversationMetrics, the engine the extension runs live), compared with its truth.json.
// - Speed: the live analyser (createTalkAnalyser(...).process) over both channels of every fixture,
//   fed as the AudioWorklet gives them (128-sample render quanta) and in whole 20 ms frames.
// Part of `npm run bench` (section "talk"); runs alone, without a browser or a build:
//   node scripts/with-node.mjs scripts/bench-talk.ts
// Exit code 0 once measured, even if a target is missed; 1 when it cannot measure.
import { spawnSync } from 'node:child_process';
import { mark, stats, table, type Row } from './bench-format.ts';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTalkAnalyser, LIVE_ANALYSIS_RATE, resample } from '../utils/audio/talk-analyser.ts';
import { conversationMetrics, type ConversationMetrics } from '../utils/conversation.ts';
import type { Speaker } from '../utils/model';
import { fixturesDir, loadScenarios, type Scenario } from '../tests/support/talk-fixtures.ts';

const cli = resolve(import.meta.dirname, 'talk-time.ts');

const targets = {
  /** Therapist share of talk, absolute error in percentage points. */
  shareErrorPp: 3,
  /** Opening statement length, absolute error in seconds. */
  openingErrorS: 1.5,
  /** Engine speed for two channels, as a multiple of real time on one core. */
  realTimeMultiple: 200,
};

/** The AudioWorklet's render quantum. */
const QUANTUM = 128;
/** The rate the audio page analyses at (its own 16 kHz AudioContext). */
const LIVE_RATE = LIVE_ANALYSIS_RATE;
const SPEED_RUNS = 5;

// ---------------------------------------------------------------------------------------------
// Accuracy

/** What scripts/talk-time.ts prints (the fields used here). */
type CliOutput = ConversationMetrics & { durationMs: number };

/** Runs the talk-time CLI on one fixture, exactly as a user would (no openingStartedAt: from the patient's first words). */
function runCli(scenario: Scenario): CliOutput {
  const folder = join(fixturesDir, scenario.name);
  const result = spawnSync(process.execPath, [cli, '--therapist', join(folder, 'therapist.wav'), '--patient', join(folder, 'patient.wav')], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`talk-time failed on ${scenario.name} (exit ${result.status}): ${result.stderr.trim() || result.error?.message}`);
  return JSON.parse(result.stdout) as CliOutput;
}

/** The truth's metrics recomputed from its own segments, as scripts/make-talk-fixtures.ts computes them. */
function truthFromSegments(scenario: Scenario): ConversationMetrics {
  const segments = (['therapist', 'patient'] as Speaker[]).flatMap((speaker) =>
    scenario.truth[speaker].map((s) => ({ speaker, start: s.startMs, end: s.endMs })),
  );
  return conversationMetrics(segments, { now: scenario.durationMs });
}

const sameMetrics = (a: ConversationMetrics, b: ConversationMetrics) =>
  (Object.keys(a) as (keyof ConversationMetrics)[]).every((key) =>
    typeof a[key] === 'number' && typeof b[key] === 'number' ? Math.abs(a[key] - b[key]) < 1e-9 : a[key] === b[key],
  );

function accuracy(scenarios: Scenario[], missed: string[]): void {
  const rows: Row[] = [];
  const inconsistent: string[] = [];
  let worstShare = 0;
  let worstOpening = 0;
  for (const scenario of scenarios) {
    const found = runCli(scenario);
    const { expected } = scenario;
    if (!sameMetrics(expected, truthFromSegments(scenario))) inconsistent.push(scenario.name);
    const check = (what: string, pass: boolean) => {
      if (!pass) missed.push(`talk time ${what} on ${scenario.name}`);
      return mark(pass);
    };
    const shareError =
      found.therapistShare === null || expected.therapistShare === null
        ? found.therapistShare === expected.therapistShare ? 0 : Infinity
        : 100 * Math.abs(found.therapistShare - expected.therapistShare);
    const openingError =
      found.openingStatementMs === null || expected.openingStatementMs === null
        ? found.openingStatementMs === expected.openingStatementMs ? 0 : Infinity
        : Math.abs(found.openingStatementMs - expected.openingStatementMs) / 1000;
    worstShare = Math.max(worstShare, shareError);
    worstOpening = Math.max(worstOpening, openingError);
    const pct = (share: number | null) => (share === null ? 'none' : `${(100 * share).toFixed(1)}%`);
    const secs = (ms: number | null) => (ms === null ? 'none' : `${(ms / 1000).toFixed(2)} s`);
    rows.push([
      scenario.name,
      `${pct(found.therapistShare)} / ${pct(expected.therapistShare)}`,
      `${shareError.toFixed(2)} pp`,
      check('therapist share', shareError <= targets.shareErrorPp),
      `${secs(found.openingStatementMs)} / ${secs(expected.openingStatementMs)}`,
      `${openingError.toFixed(2)} s`,
      check('opening statement', openingError <= targets.openingErrorS),
      `${found.interruptions} / ${expected.interruptions}`,
      check('interruptions', found.interruptions === expected.interruptions),
      `${found.backchannels} / ${expected.backchannels}`,
      check('backchannels', found.backchannels === expected.backchannels),
    ]);
  }
  rows.push(['worst', '', `${worstShare.toFixed(2)} pp`, '', '', `${worstOpening.toFixed(2)} s`, '', '', '', '', '']);
  const audioS = scenarios.reduce((sum, s) => sum + s.durationMs, 0) / 1000;
  table(
    `6. Automatic talk time: accuracy on ${scenarios.length} fixtures (${audioS.toFixed(0)} s of calls), found / true`,
    ['fixture', 'therapist share', 'error', '', 'opening statement', 'error', '', 'interruptions', '', 'backchannels', ''],
    rows,
    [
      `targets: therapist share within ${targets.shareErrorPp} pp, opening statement within ${targets.openingErrorS} s, interruption and backchannel counts exact.`,
      'Found: scripts/talk-time.ts run on the fixture\'s two WAV files (analyseTracks -> conversationMetrics, the engine the extension runs live;',
      'no opening question time, so the opening statement runs from the patient\'s first words). True: truth.json "expected".',
      inconsistent.length
        ? `warning: truth.json "expected" does not match its own segments in: ${inconsistent.join(', ')} (re-run scripts/make-talk-fixtures.ts).`
        : 'Each truth.json "expected" was checked against conversationMetrics of its own segments: consistent.',
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Speed

interface Channels {
  sampleRate: number;
  therapist: Float32Array;
  patient: Float32Array;
}

/** Both channels at one rate and one length, as the live stream gives them. */
function channelsAt(scenario: Scenario, rate: number | null): Channels {
  const sampleRate = rate ?? Math.min(scenario.tracks.therapist.sampleRate, scenario.tracks.patient.sampleRate);
  const at = (speaker: Speaker) => resample(scenario.tracks[speaker].samples, scenario.tracks[speaker].sampleRate, sampleRate);
  const mic = at('therapist');
  const tab = at('patient');
  const length = Math.max(mic.length, tab.length);
  const pad = (samples: Float32Array) => {
    if (samples.length === length) return samples;
    const padded = new Float32Array(length);
    padded.set(samples);
    return padded;
  };
  return { sampleRate, therapist: pad(mic), patient: pad(tab) };
}

/** CPU time of this thread in ms (one core); the process's where the thread's is not available. */
function cpuMs(): number {
  const usage = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** One pass of the live analyser over every fixture, in chunks of `chunk` samples (null: one analysis frame). */
function analyseAll(all: Channels[], chunk: number | null): number {
  let transitions = 0;
  for (const { sampleRate, therapist, patient } of all) {
    const analyser = createTalkAnalyser({ sampleRate });
    const size = chunk ?? analyser.frameSamples;
    for (let offset = 0; offset < therapist.length; offset += size) {
      const end = Math.min(offset + size, therapist.length);
      transitions += analyser.process(therapist.subarray(offset, end), patient.subarray(offset, end), (offset * 1000) / sampleRate).length;
    }
    transitions += analyser.flush((therapist.length * 1000) / sampleRate).length;
  }
  return transitions;
}

function speed(scenarios: Scenario[], missed: string[]): void {
  const rates: { label: string; rate: number | null }[] = [
    { label: 'fixtures as recorded', rate: null },
    { label: 'resampled to', rate: LIVE_RATE },
  ];
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const { label, rate } of rates) {
    const all = scenarios.map((s) => channelsAt(s, rate));
    const audioS = all.reduce((sum, c) => sum + c.therapist.length / c.sampleRate, 0);
    const rateText = [...new Set(all.map((c) => `${c.sampleRate / 1000} kHz`))].join(', ');
    const frameSamples = createTalkAnalyser({ sampleRate: all[0]!.sampleRate }).frameSamples;
    for (const [how, chunk] of [
      [`${QUANTUM}-sample chunks (AudioWorklet quanta)`, QUANTUM],
      [`whole 20 ms frames (${frameSamples} samples)`, null],
    ] as const) {
      analyseAll(all, chunk); // warm-up: compiled code, not the first pass's
      const runs: number[] = [];
      for (let run = 0; run < SPEED_RUNS; run++) {
        const before = cpuMs();
        analyseAll(all, chunk);
        runs.push(cpuMs() - before);
      }
      const cpu = stats(runs).median;
      const multiple = (audioS * 1000) / cpu;
      const pass = multiple >= targets.realTimeMultiple;
      if (!pass) missed.push(`talk time engine speed (${label} ${rateText}, ${how})`);
      rows.push([
        `${label} ${rateText}, ${how}`,
        `${audioS.toFixed(1)} s`,
        `${cpu.toFixed(1)} ms`,
        `${multiple.toFixed(0)}×`,
        `${(100 / multiple).toFixed(2)}%`,
        `>= ${targets.realTimeMultiple}×`,
        mark(pass),
      ]);
      notes.push(`samples, ${label} ${rateText}, ${chunk ?? frameSamples}-sample chunks (CPU ms): ${runs.map((n) => n.toFixed(1)).join(' ')}`);
    }
  }
  table(
    `7. Automatic talk time: engine speed, two channels on one core (median of ${SPEED_RUNS} runs after a warm-up)`,
    ['input', 'audio', 'CPU', '× real time', 'one core live', 'target', ''],
    rows,
    [
      ...notes,
      'createTalkAnalyser(...).process over both channels of every fixture (one analyser per fixture), then flush.',
      `CPU is this thread's (process.threadCpuUsage${typeof process.threadCpuUsage === 'function' ? '' : ', not available: whole process'}); "one core live" = 100 / multiple, the share of one core listening costs.`,
      `The audio page analyses at ${LIVE_RATE / 1000} kHz (its own AudioContext; the call plays on at the device rate): those rows are the fixtures resampled to it, as live listening runs.`,
    ],
  );
}

// ---------------------------------------------------------------------------------------------

/** Prints the accuracy and speed tables; returns the targets missed. */
export async function talkTimeBench(): Promise<{ missed: string[] }> {
  const scenarios = loadScenarios();
  if (scenarios.length === 0) throw new Error(`no fixtures in ${fixturesDir}: run scripts/make-talk-fixtures.ts`);
  const missed: string[] = [];
  accuracy(scenarios, missed);
  speed(scenarios, missed);
  return { missed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    console.log(`Rapport talk time benchmark (node ${process.version})`);
    const { missed } = await talkTimeBench();
    console.log(`\n${missed.length ? `MISSED ${missed.length} target(s): ${missed.join('; ')}` : 'All targets met.'}`);
  } catch (error) {
    console.error(`bench-talk: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
