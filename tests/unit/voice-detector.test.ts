import { describe, expect, it } from 'vitest';
import { createVoiceDetector, voiceDetectorDefaults, type VoiceTransition } from '@/utils/audio/voice-detector';

const RATE = 16_000;

function noise(seconds: number, rms: number, seed = 1, rate = RATE): Float32Array {
  let state = seed;
  // Uniform noise in -1..1 has an RMS of 1/sqrt(3).
  return Float32Array.from({ length: Math.round(seconds * rate) }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return ((state / 2 ** 31) * 2 - 1) * rms * Math.sqrt(3);
  });
}

/** A voice-like sound: a 140 Hz buzz with harmonics to 3 kHz, its loudness moving with 4 Hz syllables. */
function voice(seconds: number, rms: number, rate = RATE): Float32Array {
  const harmonics = Array.from({ length: 21 }, (_, k) => k + 1);
  const samples = Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    const t = i / rate;
    const syllables = 0.65 + 0.35 * Math.sin(2 * Math.PI * 4 * t);
    return syllables * harmonics.reduce((sum, k) => sum + Math.sin(2 * Math.PI * 140 * k * t) / k, 0);
  });
  const current = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
  return samples.map((x) => (x * rms) / current);
}

const db = (value: number) => 10 ** (value / 20);

/** Places sounds on a background, at times in seconds. */
function scene(background: Float32Array, events: [number, Float32Array][], rate = RATE): Float32Array {
  const out = background.slice();
  for (const [at, sound] of events) sound.forEach((x, i) => (out[Math.round(at * rate) + i]! += x));
  return out;
}

function run(samples: Float32Array, rate = RATE): VoiceTransition[] {
  const detector = createVoiceDetector({ sampleRate: rate });
  const changes: VoiceTransition[] = [];
  for (let offset = 0; offset + detector.frameSamples <= samples.length; offset += detector.frameSamples) {
    const change = detector.process(samples.subarray(offset, offset + detector.frameSamples), (offset * 1000) / rate);
    if (change) changes.push(change);
  }
  const end = detector.flush((samples.length * 1000) / rate);
  if (end) changes.push(end);
  return changes;
}

/** Speech intervals in ms, rounded to the 20 ms frame. */
function speech(samples: Float32Array, rate = RATE): [number, number][] {
  const changes = run(samples, rate);
  const intervals: [number, number][] = [];
  for (let i = 0; i + 1 < changes.length; i += 2) intervals.push([changes[i]!.atMs, changes[i + 1]!.atMs]);
  return intervals;
}

/** Within two frames of the truth. */
const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(40);

describe('createVoiceDetector', () => {
  it('finds a voice in quiet with its true start and end, speaking first and stopping last', () => {
    const changes = run(scene(noise(4, db(-70)), [[1, voice(1.5, db(-25))]]));
    expect(changes.map((c) => c.speaking)).toEqual([true, false]);
    near(changes[0]!.atMs, 1000);
    near(changes[1]!.atMs, 2500);
  });

  it('stays silent on silence, on hiss and on digital zeros', () => {
    expect(run(new Float32Array(RATE * 3))).toEqual([]);
    expect(run(noise(5, db(-60)))).toEqual([]);
  });

  it('learns steady background noise as the floor and finds a voice 10 dB above it', () => {
    const loudRoom = noise(8, db(-30), 3);
    expect(run(loudRoom)).toEqual([]);
    const [found, ...rest] = speech(scene(loudRoom, [[5, voice(2, db(-20))]]));
    expect(rest).toEqual([]);
    expect(found![0]).toBeGreaterThanOrEqual(4960);
    expect(found![0]).toBeLessThan(5200);
    near(found![1], 7000);
  });

  it('follows the floor down: a quiet microphone (voice at -50 dBFS) still counts', () => {
    const [found] = speech(scene(noise(4, db(-75)), [[1, voice(2, db(-50))]]));
    near(found![0], 1000);
    near(found![1], 3000);
  });

  it('ignores voice-band sound below the absolute floor, whatever the noise', () => {
    expect(run(scene(new Float32Array(RATE * 4), [[1, voice(2, db(-75))]]))).toEqual([]);
  });

  it('does not turn a burst shorter than the minimum speech duration into speech', () => {
    expect(voiceDetectorDefaults.minSpeechMs).toBe(100);
    expect(run(scene(noise(3, db(-70)), [[1, voice(0.06, db(-20))]]))).toEqual([]);
    expect(speech(scene(noise(3, db(-70)), [[1, voice(0.3, db(-20))]]))).toHaveLength(1);
  });

  it('does not take typing (loud key clicks every 90-250 ms) for speech', () => {
    const clicks: [number, Float32Array][] = [];
    for (let t = 0.5, k = 0; t < 4.5; t += 0.09 + ((k * 37) % 17) / 100, k++) {
      const click = Float32Array.from(noise(0.008, 0.5, k + 10), (x, i) => x * Math.exp(-i / (0.0015 * RATE)));
      clicks.push([t, click]);
    }
    expect(clicks.length).toBeGreaterThan(20);
    expect(run(scene(noise(5, db(-65)), clicks))).toEqual([]);
  });

  it('flags a click frame as a transient and a voiced frame as not', () => {
    const detector = createVoiceDetector({ sampleRate: RATE });
    const frame = new Float32Array(detector.frameSamples);
    frame.set(noise(0.002, 0.5, 9), 40);
    expect(detector.measure(frame).transient).toBe(true);
    expect(detector.measure(voice(0.02, 0.1)).transient).toBe(false);
  });

  it('bridges pauses between words shorter than the hangover and splits at longer ones', () => {
    const words = scene(noise(6, db(-70)), [
      [0.5, voice(0.6, db(-25))],
      [1.4, voice(0.6, db(-25))], // 300 ms pause: same stretch of speech
      [3.0, voice(0.6, db(-25))], // 1 s pause: a new one
    ]);
    const found = speech(words);
    expect(found).toHaveLength(2);
    near(found[0]![1], 2000);
    near(found[1]![0], 3000);
  });

  it('closes speech still going at the end of the stream at the last voiced frame', () => {
    const detector = createVoiceDetector({ sampleRate: RATE });
    const samples = scene(noise(1.5, db(-70)), [[0.5, voice(1, db(-20))]]);
    for (let offset = 0; offset + detector.frameSamples <= samples.length; offset += detector.frameSamples) {
      detector.process(samples.subarray(offset, offset + detector.frameSamples), (offset * 1000) / RATE);
    }
    expect(detector.speaking).toBe(true);
    expect(detector.flush(5000)).toEqual({ speaking: false, atMs: 1500 });
    expect(detector.flush(5000)).toBeNull();
  });

  it.each([8000, 22_050, 48_000])('works by frame duration at %i Hz', (rate) => {
    const detector = createVoiceDetector({ sampleRate: rate });
    expect(detector.frameSamples).toBe(Math.round(rate * 0.02));
    const [found, ...rest] = speech(scene(noise(3, db(-70), 2, rate), [[1, voice(1, db(-25), rate)]], rate), rate);
    expect(rest).toEqual([]);
    near(found![0], 1000);
    near(found![1], 2000);
  });
});
