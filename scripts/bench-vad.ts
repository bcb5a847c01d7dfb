// Voice-detector comparison on the talk-time fixtures (tests/fixtures/audio): for each candidate and
// scenario, frame accuracy, speech recall and false-speech rate against the scripted truth, then the
// cost (CPU per minute of two-channel audio, what the extension would have to ship).
// Run alone: `node scripts/with-node.mjs scripts/bench-vad.ts`.
//
// Candidates other than Rapport's own detector are never dependencies of the repo. Install them into
// a scratch directory to include them (the bench skips each missing one with a line saying so):
//   mkdir -p /tmp/vad-candidates && cd /tmp/vad-candidates && npm init -y &&
//   npm install @echogarden/fvad-wasm @ricky0123/vad-web
// (RAPPORT_VAD_CANDIDATES=<dir> points elsewhere.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { analyseTracks, resample, type Interval } from '../utils/audio/talk-analyser.ts';
import { voiceDetectorDefaults } from '../utils/audio/voice-detector.ts';
import type { MonoAudio } from '../utils/audio/wav.ts';
import { fixturesDir, loadScenarios, scoreSegments, type Scenario, type Segments } from '../tests/support/talk-fixtures.ts';

const root = resolve(import.meta.dirname, '..');
const candidatesDir = resolve(process.env.RAPPORT_VAD_CANDIDATES ?? '/tmp/vad-candidates', 'node_modules');
interface Candidate {
  name: string;
  /** What it would add to the extension, in bytes (raw, gzip), and what that is. */
  size: { bytes: number; gzipBytes: number; what: string } | null;
  analyse(scenario: Scenario): Promise<Segments>;
}


// ---------------------------------------------------------------------------------------------
// Candidates

/**
 * Frame-level decisions from a third-party detector go through the same onset and hangover rules as
 * Rapport's (minimum speech, hangover), so the comparison is of the detectors, not of the smoothing.
 */
function smoothDecisions(decisions: boolean[], frameMs: number): Interval[] {
  const minFrames = Math.max(1, Math.round(voiceDetectorDefaults.minSpeechMs / frameMs));
  const hangoverFrames = Math.max(1, Math.round(voiceDetectorDefaults.hangoverMs / frameMs));
  const intervals: Interval[] = [];
  let run = 0;
  let silent = 0;
  let start: number | null = null;
  let lastActiveEnd = 0;
  decisions.forEach((active, f) => {
    if (start === null) {
      run = active ? run + 1 : 0;
      if (run >= minFrames) {
        start = (f - run + 1) * frameMs;
        lastActiveEnd = (f + 1) * frameMs;
        silent = 0;
        run = 0;
      }
      return;
    }
    if (active) {
      silent = 0;
      lastActiveEnd = (f + 1) * frameMs;
    } else if (++silent >= hangoverFrames) {
      intervals.push({ startMs: start, endMs: lastActiveEnd });
      start = null;
    }
  });
  if (start !== null) intervals.push({ startMs: start, endMs: lastActiveEnd });
  return intervals;
}

async function bundleSize(entry: string): Promise<Candidate['size']> {
  try {
    const { rolldown } = (await import('rolldown')) as typeof import('rolldown');
    const build = await rolldown({ input: entry, logLevel: 'silent' });
    const { output } = await build.generate({ format: 'esm', minify: true });
    const code = output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('');
    return { bytes: code.length, gzipBytes: gzipSync(code).length, what: 'minified JS, no dependencies' };
  } catch {
    return null;
  }
}

function fileSizes(files: string[], what: string): Candidate['size'] {
  const contents = files.map((file) => readFileSync(file));
  return {
    bytes: contents.reduce((sum, c) => sum + c.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c).length, 0),
    what,
  };
}

async function energyCandidates(): Promise<Candidate[]> {
  const size = await bundleSize(join(root, 'utils/audio/talk-analyser.ts'));
  return [
    {
      name: 'Rapport energy + leak guard',
      size,
      analyse: async ({ tracks }) => analyseTracks(tracks).segments,
    },
    {
      name: 'Rapport energy, no leak guard',
      size,
      analyse: async ({ tracks }) =>
        analyseTracks(tracks, { initialCouplingDb: -200, minCouplingDb: -200, maxCouplingDb: -200 }).segments,
    },
  ];
}

interface FvadModule {
  HEAP16: Int16Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _fvad_new(): number;
  _fvad_free(handle: number): void;
  _fvad_set_mode(handle: number, mode: number): number;
  _fvad_set_sample_rate(handle: number, rate: number): number;
  _fvad_process(handle: number, frame: number, length: number): number;
}

async function webrtcCandidates(): Promise<Candidate[] | string> {
  const dir = join(candidatesDir, '@echogarden/fvad-wasm');
  if (!existsSync(join(dir, 'fvad.js'))) return `WebRTC VAD: skipped, @echogarden/fvad-wasm is not installed in ${candidatesDir}`;
  const factory = (await import(pathToFileURL(join(dir, 'fvad.js')).href)).default as () => Promise<FvadModule>;
  const fvad = await factory();
  const size = fileSizes([join(dir, 'fvad.js'), join(dir, 'fvad.wasm')], 'fvad.js + fvad.wasm (libfvad, WebRTC VAD)');
  const FRAME_MS = 20;
  const channel = (audio: MonoAudio, mode: number): Interval[] => {
    // libfvad takes 8, 16, 32 or 48 kHz; the fixtures are 8 kHz, anything else is brought to 16 kHz.
    const rate = [8000, 16000, 32000, 48000].includes(audio.sampleRate) ? audio.sampleRate : 16000;
    const samples = resample(audio.samples, audio.sampleRate, rate);
    const frameSamples = (rate * FRAME_MS) / 1000;
    const handle = fvad._fvad_new();
    fvad._fvad_set_mode(handle, mode);
    fvad._fvad_set_sample_rate(handle, rate);
    const buffer = fvad._malloc(frameSamples * 2);
    const decisions: boolean[] = [];
    for (let offset = 0; offset + frameSamples <= samples.length; offset += frameSamples) {
      const heap = fvad.HEAP16.subarray(buffer / 2, buffer / 2 + frameSamples);
      for (let i = 0; i < frameSamples; i++) heap[i] = Math.round((samples[offset + i] ?? 0) * 32767);
      decisions.push(fvad._fvad_process(handle, buffer, frameSamples) === 1);
    }
    fvad._free(buffer);
    fvad._fvad_free(handle);
    return smoothDecisions(decisions, FRAME_MS);
  };
  return [1, 3].map((mode) => ({
    name: `WebRTC VAD (fvad-wasm), mode ${mode}`,
    size,
    analyse: async ({ tracks }) => ({ therapist: channel(tracks.therapist, mode), patient: channel(tracks.patient, mode) }),
  }));
}

interface OrtTensor {
  data: ArrayLike<number | bigint>;
}
interface Ort {
  env: { wasm: { numThreads: number } };
  Tensor: new (type: string, data: Float32Array | BigInt64Array, dims: number[]) => OrtTensor;
  InferenceSession: {
    create(model: Uint8Array): Promise<{ run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> }>;
  };
}

async function sileroCandidate(): Promise<Candidate | string> {
  const vadWeb = join(candidatesDir, '@ricky0123/vad-web');
  const ortDir = join(candidatesDir, 'onnxruntime-web');
  const model = join(vadWeb, 'dist/silero_vad_v5.onnx');
  if (!existsSync(model) || !existsSync(ortDir)) {
    return `Silero VAD: skipped, @ricky0123/vad-web (with onnxruntime-web) is not installed in ${candidatesDir}`;
  }
  const ort = (await import(pathToFileURL(join(ortDir, 'dist/ort.node.min.mjs')).href)) as Ort;
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(readFileSync(model));
  // What vad-web makes a page load: its bundle, the model, onnxruntime-web's JS and its smallest wasm.
  const size = fileSizes(
    [
      join(vadWeb, 'dist/bundle.min.js'),
      model,
      join(ortDir, 'dist/ort.wasm.min.mjs'),
      join(ortDir, 'dist/ort-wasm-simd-threaded.wasm'),
    ],
    'vad-web bundle + Silero v5 model + onnxruntime-web wasm',
  );
  // Silero v5 at 16 kHz: 512-sample frames (32 ms) with the previous frame's last 64 samples as context.
  const RATE = 16000;
  const FRAME = 512;
  const CONTEXT = 64;
  const channel = async (audio: MonoAudio): Promise<Interval[]> => {
    const samples = resample(audio.samples, audio.sampleRate, RATE);
    let state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), [1]);
    let context = new Float32Array(CONTEXT);
    const decisions: boolean[] = [];
    for (let offset = 0; offset + FRAME <= samples.length; offset += FRAME) {
      const input = new Float32Array(CONTEXT + FRAME);
      input.set(context);
      input.set(samples.subarray(offset, offset + FRAME), CONTEXT);
      context = samples.slice(offset + FRAME - CONTEXT, offset + FRAME);
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), state, sr });
      state = out['stateN']!;
      decisions.push(Number(out['output']!.data[0]) > 0.5);
    }
    return smoothDecisions(decisions, (FRAME * 1000) / RATE);
  };
  return {
    name: 'Silero VAD v5 (onnxruntime-web)',
    size,
    analyse: async ({ tracks }) => ({ therapist: await channel(tracks.therapist), patient: await channel(tracks.patient) }),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function table(title: string, head: string[], rows: string[][]): void {
  const cells = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const scenarios = loadScenarios();
  if (scenarios.length === 0) throw new Error(`no fixtures in ${fixturesDir}: run scripts/make-talk-fixtures.ts`);
  const audioMinutes = scenarios.reduce((sum, s) => sum + s.durationMs, 0) / 60_000;
  const candidates: Candidate[] = await energyCandidates();
  for (const extra of [await webrtcCandidates(), await sileroCandidate()]) {
    if (typeof extra === 'string') console.log(extra);
    else candidates.push(...(Array.isArray(extra) ? extra : [extra]));
  }
  const costs: string[][] = [];
  for (const candidate of candidates) {
    const rows: string[][] = [];
    let cpuMicros = 0;
    const totals = { accuracy: 0, recall: 0, falseSpeech: 0 };
    for (const scenario of scenarios) {
      const before = process.cpuUsage();
      const found = await candidate.analyse(scenario);
      const used = process.cpuUsage(before);
      cpuMicros += used.user + used.system;
      const score = scoreSegments(found, scenario.truth, scenario.durationMs);
      const therapistOnly = scoreSegments({ therapist: found.therapist, patient: [] }, { therapist: scenario.truth.therapist, patient: [] }, scenario.durationMs);
      totals.accuracy += score.accuracy;
      totals.recall += score.recall;
      totals.falseSpeech += score.falseSpeech;
      rows.push([scenario.name, percent(score.accuracy), percent(score.recall), percent(score.falseSpeech), percent(therapistOnly.falseSpeech)]);
    }
    const n = scenarios.length;
    rows.push(['mean', percent(totals.accuracy / n), percent(totals.recall / n), percent(totals.falseSpeech / n), '']);
    table(candidate.name, ['scenario', 'frame accuracy', 'speech recall', 'false speech', 'therapist false speech'], rows);
    const { size } = candidate;
    costs.push([
      candidate.name,
      `${(cpuMicros / 1000 / audioMinutes).toFixed(0)} ms`,
      size ? `${(size.bytes / 1000).toFixed(1)} kB` : 'not measured',
      size ? `${(size.gzipBytes / 1000).toFixed(1)} kB` : '',
      size?.what ?? '',
    ]);
  }
  table(
    `Cost (${audioMinutes.toFixed(1)} min of two-channel audio; CPU includes model loading where there is one)`,
    ['detector', 'CPU per audio minute', 'shipped size', 'gzip', 'what ships'],
    costs,
  );
  console.log(`\nInstalled package sizes: ${installedSizes()}`);
}

function directorySize(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + directorySize(join(path, name)), 0);
}

function installedSizes(): string {
  const packages = ['@echogarden/fvad-wasm', '@ricky0123/vad-web', 'onnxruntime-web'];
  return packages
    .map((name) => [name, directorySize(join(candidatesDir, name))] as const)
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => `${name} ${(bytes / 1e6).toFixed(2)} MB`)
    .join(', ') || 'no candidate packages installed';
}

main().catch((error: unknown) => {
  console.error(`bench-vad: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
