/**
 * Who is talking, from two synchronized channels: the therapist's microphone and the call tab's
 * audio (the patient). Each side has its own voice detector, so there is no guessing who spoke,
 * except for one trap: the patient's voice comes out of the therapist's speakers and back into the
 * microphone ("leak", when the call's echo cancellation is off or imperfect).
 *
 * Leak: the tab audio is a clean reference of what the speakers play, so the analyser predicts the
 * leak instead of guessing. Per frame it takes the loudest patient band energy of the last
 * `maxLeakDelayMs` (covering the unknown speaker-to-mic delay and some room echo) and multiplies it by
 * the coupling, the speaker-to-mic energy gain. The coupling is learnt while the patient speaks and
 * the therapist does not: each such frame's ratio (mic energy above its noise floor) / (patient
 * energy) nudges the estimate up by a large step or down by a small one, so it settles near a high
 * quantile of the leak-only ratios (up/(up+down), about 85%) and the rare frame with the therapist
 * in it cannot run away with it. The therapist's detector then counts a frame only when the mic
 * stands its margin above noise floor + predicted leak. With headphones or good echo cancellation
 * the coupling falls to the bottom of its range and changes nothing.
 */
import type { Speaker } from '../model';
import { createVoiceDetector, fromDb, toDb, type VoiceDetectorSettings } from './voice-detector.ts';
import type { MonoAudio } from './wav.ts';

export interface LeakSettings {
  /** Longest speaker-to-mic delay to allow for (output buffering plus the room). */
  maxLeakDelayMs: number;
  /** Coupling assumed before the patient has been heard alone; the learning starts from there. */
  initialCouplingDb: number;
  minCouplingDb: number;
  maxCouplingDb: number;
  /** Learning steps per frame: up when a frame's ratio is above the estimate, down when below. */
  couplingStepUpDb: number;
  couplingStepDownDb: number;
  /** Extra headroom over the predicted leak (on top of the detector's own margins). */
  leakMarginDb: number;
  /** Patient frames at least this far above their noise floor are loud enough to learn from. */
  learnAboveFloorDb: number;
}

export const leakDefaults: LeakSettings = {
  maxLeakDelayMs: 100,
  initialCouplingDb: -10,
  minCouplingDb: -60,
  maxCouplingDb: 10,
  couplingStepUpDb: 1,
  couplingStepDownDb: 0.25,
  leakMarginDb: 3,
  learnAboveFloorDb: 10,
};

/**
 * The rate the audio page analyses at: speech's telephone band (250-3400 Hz) needs no more, and
 * it costs a third of the usual 48 kHz device rate. The call's sound plays on at the device rate.
 */
export const LIVE_ANALYSIS_RATE = 16_000;

export interface TalkAnalyserSettings extends LeakSettings {
  sampleRate: number;
  voice: Partial<Omit<VoiceDetectorSettings, 'sampleRate'>>;
}

export interface SpeechTransition {
  speaker: Speaker;
  speaking: boolean;
  atMs: number;
}

export interface TalkAnalyser {
  /** Samples per analysis frame; `process` accepts chunks of any length and frames them itself. */
  readonly frameSamples: number;
  readonly frameMs: number;
  /** The current speaker-to-mic coupling estimate, in dB (for diagnostics). */
  readonly couplingDb: number;
  /**
   * One synchronized chunk from each channel (same length), `atMs` the stream time of its first
   * sample. Returns the speech changes that became certain (sorted by time within the call); their
   * times are dated back to the real start or end, so they can be up to the hangover earlier than
   * `atMs`, and a side's stop may arrive after the other side's later start.
   */
  process(therapist: Float32Array, patient: Float32Array, atMs: number): SpeechTransition[];
  /** Closes open speech at the end of the stream. */
  flush(endMs: number): SpeechTransition[];
}

export function createTalkAnalyser(
  settings: Partial<TalkAnalyserSettings> & Pick<TalkAnalyserSettings, 'sampleRate'>,
): TalkAnalyser {
  const s: TalkAnalyserSettings = { ...leakDefaults, voice: {}, ...settings };
  const therapist = createVoiceDetector({ ...s.voice, sampleRate: s.sampleRate });
  const patient = createVoiceDetector({ ...s.voice, sampleRate: s.sampleRate });
  const { frameSamples, frameMs } = therapist;
  const referenceFrames = Math.max(1, Math.round(s.maxLeakDelayMs / frameMs) + 1);
  const recentPatient: number[] = [];
  const learnFactor = fromDb(s.learnAboveFloorDb);
  const marginFactor = fromDb(s.leakMarginDb);
  let couplingDb = s.initialCouplingDb;

  const micFrame = new Float32Array(frameSamples);
  const tabFrame = new Float32Array(frameSamples);
  let filled = 0;
  let frameStartMs = 0;

  function learnCoupling(micEnergy: number, patientEnergy: number, reference: number): void {
    const patientAlone = patient.speaking && !therapist.speaking;
    if (!patientAlone || patientEnergy < patient.noiseFloor * learnFactor) return;
    const ratioDb = toDb(Math.max(micEnergy - therapist.noiseFloor, 0)) - toDb(reference);
    const step = ratioDb > couplingDb ? s.couplingStepUpDb : -s.couplingStepDownDb;
    couplingDb = Math.min(s.maxCouplingDb, Math.max(s.minCouplingDb, couplingDb + step));
  }

  function analyseFrame(atMs: number): SpeechTransition[] {
    const mic = therapist.measure(micFrame);
    const tab = patient.measure(tabFrame);
    recentPatient.push(tab.energy);
    if (recentPatient.length > referenceFrames) recentPatient.shift();
    const reference = Math.max(...recentPatient);
    const changes: SpeechTransition[] = [];
    const patientChange = patient.decide(tab, atMs);
    if (patientChange) changes.push({ speaker: 'patient', ...patientChange });
    const predictedLeak = fromDb(couplingDb) * reference * marginFactor;
    const therapistChange = therapist.decide(mic, atMs, predictedLeak);
    if (therapistChange) changes.push({ speaker: 'therapist', ...therapistChange });
    learnCoupling(mic.energy, tab.energy, reference);
    return changes;
  }

  return {
    frameSamples,
    frameMs,
    get couplingDb() {
      return couplingDb;
    },
    process(mic, tab, atMs) {
      if (mic.length !== tab.length) throw new RangeError('the two channels must come in chunks of the same length');
      const changes: SpeechTransition[] = [];
      for (let i = 0; i < mic.length; i++) {
        if (filled === 0) frameStartMs = atMs + (i * 1000) / s.sampleRate;
        micFrame[filled] = mic[i] ?? 0;
        tabFrame[filled] = tab[i] ?? 0;
        if (++filled < frameSamples) continue;
        filled = 0;
        changes.push(...analyseFrame(frameStartMs));
      }
      return changes.sort((a, b) => a.atMs - b.atMs);
    },
    flush(endMs) {
      const changes: SpeechTransition[] = [];
      const patientEnd = patient.flush(endMs);
      if (patientEnd) changes.push({ speaker: 'patient', ...patientEnd });
      const therapistEnd = therapist.flush(endMs);
      if (therapistEnd) changes.push({ speaker: 'therapist', ...therapistEnd });
      return changes.sort((a, b) => a.atMs - b.atMs);
    },
  };
}

export interface Interval {
  startMs: number;
  endMs: number;
}

export interface TrackAnalysis {
  durationMs: number;
  sampleRate: number;
  segments: Record<Speaker, Interval[]>;
}

/**
 * Linear interpolation when going up; averaging over each output sample's span when going down, a
 * cheap anti-aliasing filter that is plenty for a detector that only looks at band energy.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples;
  const ratio = fromRate / toRate;
  const output = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < output.length; i++) {
    const position = i * ratio;
    if (ratio > 1) {
      const from = Math.floor(position);
      const to = Math.min(samples.length, Math.max(from + 1, Math.floor(position + ratio)));
      let sum = 0;
      for (let j = from; j < to; j++) sum += samples[j] ?? 0;
      output[i] = sum / (to - from);
    } else {
      const left = Math.floor(position);
      const fraction = position - left;
      output[i] = (samples[left] ?? 0) * (1 - fraction) + (samples[left + 1] ?? samples[left] ?? 0) * fraction;
    }
  }
  return output;
}

/** Turns a stream of speech changes into closed intervals per speaker. */
export function intervalsFrom(transitions: SpeechTransition[]): Record<Speaker, Interval[]> {
  const segments: Record<Speaker, Interval[]> = { therapist: [], patient: [] };
  const openSince: Partial<Record<Speaker, number>> = {};
  for (const change of transitions) {
    const start = openSince[change.speaker];
    if (change.speaking) openSince[change.speaker] ??= change.atMs;
    else if (start !== undefined) {
      if (change.atMs > start) segments[change.speaker].push({ startMs: start, endMs: change.atMs });
      delete openSince[change.speaker];
    }
  }
  return segments;
}

/**
 * Runs the analyser over two whole recordings, as the live extension runs it over streams: the
 * two are brought to the lower of their sample rates, the shorter is padded with silence, and time
 * starts at 0 ms.
 */
export function analyseTracks(
  tracks: Record<Speaker, MonoAudio>,
  settings: Partial<Omit<TalkAnalyserSettings, 'sampleRate'>> = {},
): TrackAnalysis {
  const sampleRate = Math.min(tracks.therapist.sampleRate, tracks.patient.sampleRate);
  const mic = resample(tracks.therapist.samples, tracks.therapist.sampleRate, sampleRate);
  const tab = resample(tracks.patient.samples, tracks.patient.sampleRate, sampleRate);
  const length = Math.max(mic.length, tab.length);
  const analyser = createTalkAnalyser({ ...settings, sampleRate });
  const chunk = analyser.frameSamples;
  const transitions: SpeechTransition[] = [];
  for (let offset = 0; offset < length; offset += chunk) {
    const micChunk = new Float32Array(chunk);
    const tabChunk = new Float32Array(chunk);
    micChunk.set(mic.subarray(offset, Math.min(offset + chunk, mic.length)));
    tabChunk.set(tab.subarray(offset, Math.min(offset + chunk, tab.length)));
    transitions.push(...analyser.process(micChunk, tabChunk, (offset * 1000) / sampleRate));
  }
  const durationMs = (length * 1000) / sampleRate;
  transitions.push(...analyser.flush(durationMs));
  return { durationMs, sampleRate, segments: intervalsFrom(transitions) };
}
