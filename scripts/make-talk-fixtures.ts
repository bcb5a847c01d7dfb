// Generates the talk-time test set: scripted two-channel telehealth conversations, one folder per
// scenario under tests/fixtures/audio/<scenario>/ with therapist.wav (the microphone), patient.wav
// (the call tab) and truth.json (where each utterance really is, and the metrics that follow).
// Voices come from espeak-ng, trimming and effects from sox; the folder is committed, so tests never
// need either. Run: `node scripts/with-node.mjs scripts/make-talk-fixtures.ts` (needs espeak-ng and
// sox: `apt-get install -y espeak-ng sox`). Output is deterministic for a given espeak-ng/sox.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Speaker } from '../utils/model';
import { conversationMetrics } from '../utils/conversation.ts';
import { encodeWav16, parseWav } from '../utils/audio/wav.ts';

const RATE = 8000;
const OUT = resolve(import.meta.dirname, '../tests/fixtures/audio');
const work = mkdtempSync(join(tmpdir(), 'rapport-fixtures-'));

const voices: Record<Speaker, { voice: string; speed: number }> = {
  therapist: { voice: 'en-gb+m3', speed: 180 },
  patient: { voice: 'en-us+f3', speed: 170 },
};

interface Line {
  speaker: Speaker;
  text: string;
  /** Seconds after the previous line ended, or after it started (`into`), or from the start (`at`). */
  after?: number;
  into?: number;
  at?: number;
  /** Cut the line short after this many seconds (the patient stops when interrupted). */
  cutAfter?: number;
  /** Placed relative to the previous line of the same speaker instead (backchannels don't move the script on). */
  aside?: boolean;
}

interface Placed {
  speaker: Speaker;
  start: number;
  samples: Float32Array;
}

// ---------------------------------------------------------------------------------------------
// Speech

let spoken = 0;
function speak(speaker: Speaker, text: string): Float32Array {
  const raw = join(work, `raw-${spoken}.wav`);
  const trimmed = join(work, `trim-${spoken++}.wav`);
  const { voice, speed } = voices[speaker];
  execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, text]);
  // espeak pads with silence: trim both ends so the truth is where the voice is.
  execFileSync('sox', [raw, '-r', String(RATE), '-b', '16', trimmed, ...'silence 1 0.02 1% reverse silence 1 0.02 1% reverse'.split(' ')]);
  return parseWav(readFileSync(trimmed)).samples;
}

function place(lines: Line[]): Placed[] {
  const placed: Placed[] = [];
  let cursor = 0;
  let lastStart = 0;
  for (const line of lines) {
    let samples = speak(line.speaker, line.text);
    if (line.cutAfter !== undefined) samples = fadeOut(samples.slice(0, Math.round(line.cutAfter * RATE)));
    const start = line.at ?? (line.into !== undefined ? lastStart + line.into : cursor + (line.after ?? 0));
    placed.push({ speaker: line.speaker, start, samples });
    if (line.aside) continue;
    cursor = start + samples.length / RATE;
    lastStart = start;
  }
  return placed;
}

function fadeOut(samples: Float32Array): Float32Array {
  const fade = Math.min(samples.length, Math.round(0.02 * RATE));
  for (let i = 0; i < fade; i++) samples[samples.length - 1 - i]! *= i / fade;
  return samples;
}

function render(placed: Placed[], speaker: Speaker, seconds: number): Float32Array {
  const track = new Float32Array(Math.round(seconds * RATE));
  for (const line of placed.filter((p) => p.speaker === speaker)) {
    const offset = Math.round(line.start * RATE);
    line.samples.forEach((value, i) => {
      if (offset + i < track.length) track[offset + i]! += value;
    });
  }
  return track;
}

// ---------------------------------------------------------------------------------------------
// Degradations

/** Deterministic noise so the fixtures come out the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rms = (samples: Float32Array) => Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / Math.max(1, samples.length));
const scaled = (samples: Float32Array, db: number) => samples.map((x) => x * 10 ** (db / 20));
const mixed = (a: Float32Array, b: Float32Array) => a.map((x, i) => x + (b[i] ?? 0));

/** A little microphone hiss everywhere, so no fixture has unnaturally perfect digital silence. */
function hiss(length: number, seed: number): Float32Array {
  const next = random(seed);
  return new Float32Array(length).map(() => (next() - 0.5) * 0.0012);
}

function soxTransform(samples: Float32Array, effects: string[], inputArgs: string[] = []): Float32Array {
  const input = join(work, `fx-in-${spoken}.wav`);
  const output = join(work, `fx-out-${spoken++}.wav`);
  writeFileSync(input, encodeWav16(samples, RATE));
  execFileSync('sox', [...inputArgs, input, '-r', String(RATE), '-b', '16', output, ...effects]);
  const result = parseWav(readFileSync(output)).samples;
  const fitted = new Float32Array(samples.length);
  fitted.set(result.subarray(0, samples.length));
  return fitted;
}

/** sox's coloured noise, scaled so speech (measured where it is active) stands `snrDb` above it. */
function withNoise(track: Float32Array, placed: Placed[], speaker: Speaker, colour: 'pinknoise' | 'brownnoise', snrDb: number) {
  const seconds = track.length / RATE;
  const noiseFile = join(work, `noise-${spoken++}.wav`);
  execFileSync('sox', ['-n', '-r', String(RATE), '-b', '16', noiseFile, 'synth', String(seconds), colour, 'vol', '0.5']);
  const noise = new Float32Array(track.length);
  noise.set(parseWav(readFileSync(noiseFile)).samples.subarray(0, track.length));
  const speechRms = rms(Float32Array.from(placed.filter((p) => p.speaker === speaker).flatMap((p) => [...p.samples])));
  const gain = speechRms / (rms(noise) * 10 ** (snrDb / 20));
  return mixed(track, noise.map((x) => x * gain));
}

/** Typing: bursts of key clicks (3-12 ms decaying broadband ticks) at speech-like peak levels. */
function withClicks(track: Float32Array, bursts: number[], seed: number): Float32Array {
  const next = random(seed);
  const out = track.slice();
  for (const burstStart of bursts) {
    let t = burstStart;
    for (let key = 0; key < 12; key++) {
      const offset = Math.round(t * RATE);
      const length = Math.round((0.003 + next() * 0.009) * RATE);
      const peak = 0.3 + next() * 0.4;
      for (let i = 0; i < length && offset + i < out.length; i++) {
        out[offset + i]! += (next() * 2 - 1) * peak * Math.exp((-5 * i) / length);
      }
      t += 0.09 + next() * 0.2;
    }
  }
  return out;
}

/** The patient's voice out of the therapist's speakers into the mic: quieter, later, with a little room. */
function withLeak(mic: Float32Array, patient: Float32Array, db: number, delaySeconds: number): Float32Array {
  const leak = soxTransform(patient, ['vol', `${db}dB`, 'delay', String(delaySeconds), 'reverb', '40', '50', '40']);
  return mixed(mic, leak);
}

/** A narrowband call: G.711 mu-law at 8 kHz after a 3.4 kHz low-pass, as on a phone leg of the call. */
function throughCodec(track: Float32Array): Float32Array {
  const encoded = join(work, `codec-${spoken++}.wav`);
  const input = join(work, `codec-in-${spoken++}.wav`);
  writeFileSync(input, encodeWav16(track, RATE));
  execFileSync('sox', [input, '-e', 'u-law', '-r', '8000', encoded, 'lowpass', '3400', 'highpass', '200']);
  const decoded = join(work, `codec-out-${spoken++}.wav`);
  execFileSync('sox', [encoded, '-e', 'signed-integer', '-b', '16', '-r', String(RATE), decoded]);
  const result = new Float32Array(track.length);
  result.set(parseWav(readFileSync(decoded)).samples.subarray(0, track.length));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Scripts

const visitStart: Line[] = [
  { speaker: 'therapist', text: 'Hi Sam, good to see you again. What brings you in today?', at: 0.6 },
  { speaker: 'patient', text: 'My lower back has been really bad since the flight to the funeral.', after: 0.9 },
  { speaker: 'patient', text: 'I can only stand for a few minutes before it hurts too much.', after: 0.7 },
  { speaker: 'therapist', text: 'That sounds exhausting. What would you like to get back to?', after: 1.2 },
  { speaker: 'patient', text: 'Walking the dog in the morning, and golf with my friends.', after: 0.8 },
  { speaker: 'therapist', text: "Good. Let's work toward that together.", after: 0.5 },
];

const listening: Line[] = [
  { speaker: 'therapist', text: 'Tell me about your week with the exercises.', at: 0.5 },
  { speaker: 'patient', text: 'I did them almost every day, and standing got a little easier after the first few days.', after: 0.8 },
  { speaker: 'therapist', text: 'mm-hm', into: 1.5, aside: true },
  { speaker: 'patient', text: 'But on Thursday the pain came back when I was stressed about work.', after: 0.6 },
  { speaker: 'therapist', text: 'right', into: 2.0, aside: true },
  { speaker: 'patient', text: 'So I stopped for two days, and then I started again slowly with the walking and the stretching.', after: 0.7, cutAfter: 2.6 },
  { speaker: 'therapist', text: 'Wait, when you stopped, did the pain get better or worse?', into: 2.0 },
  { speaker: 'patient', text: 'Worse, actually. Much stiffer in the mornings.', after: 0.9 },
  { speaker: 'therapist', text: 'That fits what we talked about: gentle movement calms it down.', after: 1.3 },
];

const openingStatement: Line[] = [
  { speaker: 'therapist', text: 'What brings you in, and what would you like to get out of today?', at: 0.5 },
  { speaker: 'patient', text: 'Well, it started a week before my first visit, after a long flight to a family funeral.', after: 1.0 },
  { speaker: 'patient', text: 'My lower back locked up and I could hardly stand long enough to make coffee.', after: 0.8 },
  { speaker: 'therapist', text: 'mm-hm', into: 2.0, aside: true },
  { speaker: 'patient', text: 'It gets much worse when I am stressed, and there has been a lot of stress lately.', after: 0.9 },
  { speaker: 'patient', text: 'I also have stomach trouble and some anxiety, so I worry about what this means.', after: 0.8 },
  { speaker: 'therapist', text: 'right', after: 0.2, aside: true },
  { speaker: 'patient', text: 'Mostly I want to understand what is going on and to walk without being afraid.', after: 0.9 },
  { speaker: 'therapist', text: 'Thank you for telling me all of that. Being afraid of the pain makes complete sense.', after: 1.4 },
];

interface Scenario {
  name: string;
  description: string;
  lines: Line[];
  degrade?: (tracks: Record<Speaker, Float32Array>, placed: Placed[]) => Record<Speaker, Float32Array>;
}

const scenarios: Scenario[] = [
  { name: 'clean', description: 'Clean turn-taking, quiet rooms, separate channels.', lines: visitStart },
  {
    name: 'noise-pink-20db',
    description: 'Pink noise on both channels, speech 20 dB above it.',
    lines: visitStart,
    degrade: (t, p) => ({
      therapist: withNoise(t.therapist, p, 'therapist', 'pinknoise', 20),
      patient: withNoise(t.patient, p, 'patient', 'pinknoise', 20),
    }),
  },
  {
    name: 'noise-pink-10db',
    description: 'Pink noise on both channels, speech 10 dB above it.',
    lines: visitStart,
    degrade: (t, p) => ({
      therapist: withNoise(t.therapist, p, 'therapist', 'pinknoise', 10),
      patient: withNoise(t.patient, p, 'patient', 'pinknoise', 10),
    }),
  },
  {
    name: 'noise-brown-5db',
    description: 'Brown (rumble) noise on both channels, speech 5 dB above it.',
    lines: visitStart,
    degrade: (t, p) => ({
      therapist: withNoise(t.therapist, p, 'therapist', 'brownnoise', 5),
      patient: withNoise(t.patient, p, 'patient', 'brownnoise', 5),
    }),
  },
  {
    name: 'keyboard-clicks',
    description: 'The therapist types notes while the patient talks and in silences: key clicks on the mic only.',
    lines: visitStart,
    degrade: (t) => ({ therapist: withClicks(t.therapist, [4.5, 7.8, 16.0, 21.5], 7), patient: t.patient }),
  },
  {
    name: 'leak',
    description: "The patient's voice from the therapist's speakers into the mic: -18 dB, 40 ms late, with room reverb.",
    lines: visitStart,
    degrade: (t) => ({ therapist: withLeak(t.therapist, t.patient, -18, 0.04), patient: t.patient }),
  },
  {
    name: 'low-volume',
    description: 'Both channels 30 dB down (a quiet microphone and a low call volume).',
    lines: visitStart,
    degrade: (t) => ({ therapist: scaled(t.therapist, -30), patient: scaled(t.patient, -30) }),
  },
  {
    name: 'codec',
    description: 'Both channels through a narrowband codec: 200-3400 Hz, G.711 mu-law at 8 kHz.',
    lines: visitStart,
    degrade: (t) => ({ therapist: throughCodec(t.therapist), patient: throughCodec(t.patient) }),
  },
  {
    name: 'backchannels-interruption',
    description: 'The therapist says "mm-hm" and "right" while the patient talks, then interrupts once.',
    lines: listening,
  },
  {
    name: 'long-opening',
    description: 'A long opening statement with backchannels, then the therapist takes the floor.',
    lines: openingStatement,
  },
];

function build(scenario: Scenario): void {
  const placed = place(scenario.lines);
  const seconds = Math.ceil(Math.max(...placed.map((p) => p.start + p.samples.length / RATE)) + 1);
  const clean = { therapist: render(placed, 'therapist', seconds), patient: render(placed, 'patient', seconds) };
  const withHiss = { therapist: mixed(clean.therapist, hiss(clean.therapist.length, 1)), patient: mixed(clean.patient, hiss(clean.patient.length, 2)) };
  const tracks = scenario.degrade ? scenario.degrade(withHiss, placed) : withHiss;
  const ms = (s: number) => Math.round(s * 1000);
  const segments = placed
    .map((p) => ({ speaker: p.speaker, start: ms(p.start), end: ms(p.start + p.samples.length / RATE) }))
    .sort((a, b) => a.start - b.start);
  const bySpeaker = (speaker: Speaker) =>
    segments.filter((s) => s.speaker === speaker).map((s) => ({ startMs: s.start, endMs: s.end }));
  const truth = {
    description: scenario.description,
    durationMs: ms(seconds),
    sampleRate: RATE,
    segments: { therapist: bySpeaker('therapist'), patient: bySpeaker('patient') },
    text: scenario.lines.map((line) => `${line.speaker}: ${line.text}`),
    expected: conversationMetrics(segments, { now: ms(seconds) }),
  };
  const folder = join(OUT, scenario.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'therapist.wav'), encodeWav16(tracks.therapist, RATE));
  writeFileSync(join(folder, 'patient.wav'), encodeWav16(tracks.patient, RATE));
  writeFileSync(join(folder, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  console.log(`${scenario.name}: ${seconds} s, ${truth.segments.therapist.length} therapist and ${truth.segments.patient.length} patient utterances`);
}

try {
  for (const scenario of scenarios) build(scenario);
} finally {
  rmSync(work, { recursive: true, force: true });
}
