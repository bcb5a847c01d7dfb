/**
 * A streaming voice activity detector for one channel: is someone speaking into this signal?
 *
 * Per frame (20 ms by default, any sample rate): the energy of the speech band, compared with an
 * adaptive noise floor, decides whether the frame is "active"; hysteresis turns active frames into
 * speech. Each choice answers one of the ways telehealth audio fools a plain level meter:
 * - Background noise (fans, traffic, hum): the floor is the minimum of the smoothed band energy over
 *   the last few seconds ("minimum statistics", Martin 2001), so steady noise of any level becomes
 *   the new zero, and speech has to stand a margin above it.
 * - Low volume: the floor follows the signal down, so a quiet microphone only needs speech a margin
 *   above its own noise, with an absolute floor so digital silence and dither never count.
 * - Keyboard clicks and bumps: a click lasts a few milliseconds, so speech must stay active for a
 *   minimum duration before it starts; clicks are also broadband, and the 250-3400 Hz band filter
 *   (the telephone band, where speech energy is) takes away much of their energy and of rumble.
 * - Pauses between words: speech ends only after a hangover of silence, and the end is dated back to
 *   the last active frame, so segments keep the true timing.
 */

export interface VoiceDetectorSettings {
  sampleRate: number;
  frameMs: number;
  /** The speech band: a high-pass and a low-pass filter (telephone band, ITU-T G.712). */
  bandLowHz: number;
  bandHighHz: number;
  /** How far above the noise floor a frame must be to start speech… */
  onsetMarginDb: number;
  /** …and to keep it going (hysteresis: once speaking, weaker syllables still count). */
  holdMarginDb: number;
  /** Active time needed before speech starts: shorter bursts are clicks and bumps. */
  minSpeechMs: number;
  /** Silence needed before speech ends: pauses between words are shorter. */
  hangoverMs: number;
  /** The noise floor is the quietest moment of this long a window. */
  floorWindowMs: number;
  /** Band energy (dB re full scale) below which nothing is speech, whatever the floor. */
  absoluteFloorDb: number;
  /**
   * A frame with more than this share of its energy in one eighth of it (2.5 ms of 20) is a
   * transient; voiced speech spreads its energy over the whole frame.
   */
  transientShare: number;
}

export const voiceDetectorDefaults: Omit<VoiceDetectorSettings, 'sampleRate'> = {
  frameMs: 20,
  bandLowHz: 250,
  bandHighHz: 3400,
  onsetMarginDb: 9,
  holdMarginDb: 6,
  // Syllables last about 100-250 ms; a key click 5-30 ms.
  minSpeechMs: 100,
  // Pauses inside a phrase are mostly under 300 ms; a longer one may hand the floor over.
  hangoverMs: 500,
  // Longer than the longest stretch of speech without a breath or word gap.
  floorWindowMs: 4000,
  absoluteFloorDb: -65,
  transientShare: 0.7,
};

const TRANSIENT_PARTS = 8;

export interface FrameMeasure {
  /** Mean-square energy of the speech band. */
  energy: number;
  /** Most of the energy sits in a few milliseconds: a click or a knock, not a voice. */
  transient: boolean;
}

export interface VoiceTransition {
  speaking: boolean;
  /** Stream time of the change, dated back to when the speech really started or ended. */
  atMs: number;
}

export interface VoiceDetector {
  readonly frameSamples: number;
  readonly frameMs: number;
  /** The speech band's energy in this frame, and whether it is a click (the filters keep state across frames). */
  measure(frame: Float32Array): FrameMeasure;
  /**
   * Feeds one measured frame. `interference` is energy known not to be this speaker's (the predicted
   * leak of the other side); the frame must stand the margin above floor + interference.
   */
  decide(frame: FrameMeasure, atMs: number, interference?: number): VoiceTransition | null;
  /** measure + decide. */
  process(frame: Float32Array, atMs: number): VoiceTransition | null;
  /** Closes speech still open at the end of the stream. */
  flush(endMs: number): VoiceTransition | null;
  readonly speaking: boolean;
  /** The current noise floor, mean-square energy. */
  readonly noiseFloor: number;
}

/** Second-order filter (RBJ audio-EQ cookbook), transposed direct form II. */
function biquad(kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRate: number): (x: number) => number {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = (kind === 'lowpass' ? 1 - cos : -(1 + cos)) / a0;
  const b0 = Math.abs(b1) / 2;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let z1 = 0;
  let z2 = 0;
  return (x) => {
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    return y;
  };
}

export const fromDb = (db: number): number => 10 ** (db / 10);
export const toDb = (energy: number): number => 10 * Math.log10(Math.max(energy, 1e-20));

/** Minimum over a sliding window, kept as per-block minima so each frame costs O(1). */
function slidingMinimum(windowFrames: number, blocks = 8): (value: number) => number {
  const blockFrames = Math.max(1, Math.round(windowFrames / blocks));
  const minima: number[] = [];
  let current = Infinity;
  let filled = 0;
  return (value) => {
    current = Math.min(current, value);
    if (++filled === blockFrames) {
      minima.push(current);
      if (minima.length > blocks) minima.shift();
      current = Infinity;
      filled = 0;
    }
    return Math.min(current, ...minima);
  };
}

export function createVoiceDetector(
  settings: Partial<VoiceDetectorSettings> & Pick<VoiceDetectorSettings, 'sampleRate'>,
): VoiceDetector {
  const s: VoiceDetectorSettings = { ...voiceDetectorDefaults, ...settings };
  const frameSamples = Math.max(1, Math.round((s.sampleRate * s.frameMs) / 1000));
  const frameMs = (frameSamples * 1000) / s.sampleRate;
  const highPass = biquad('highpass', s.bandLowHz, s.sampleRate);
  const lowPass = biquad('lowpass', Math.min(s.bandHighHz, 0.45 * s.sampleRate), s.sampleRate);
  const minSpeechFrames = Math.max(1, Math.round(s.minSpeechMs / frameMs));
  const hangoverFrames = Math.max(1, Math.round(s.hangoverMs / frameMs));
  const floorOf = slidingMinimum(Math.round(s.floorWindowMs / frameMs));
  const absoluteFloor = fromDb(s.absoluteFloorDb);
  const onsetFactor = fromDb(s.onsetMarginDb);
  const holdFactor = fromDb(s.holdMarginDb);

  let speaking = false;
  let smoothed = 0;
  let noiseFloor = absoluteFloor;
  /** Onset: consecutive active frames so far and when they began. */
  let activeRun = 0;
  let runStartMs = 0;
  /** Offset: consecutive inactive frames and when the last active frame ended. */
  let silentRun = 0;
  let lastActiveEndMs = 0;

  function measure(frame: Float32Array): FrameMeasure {
    let sum = 0;
    let loudestPart = 0;
    let part = 0;
    const partLength = Math.max(1, Math.ceil(frame.length / TRANSIENT_PARTS));
    for (let i = 0; i < frame.length; i++) {
      const y = lowPass(highPass(frame[i] ?? 0));
      sum += y * y;
      part += y * y;
      if ((i + 1) % partLength === 0 || i === frame.length - 1) {
        loudestPart = Math.max(loudestPart, part);
        part = 0;
      }
    }
    return { energy: frame.length > 0 ? sum / frame.length : 0, transient: loudestPart > s.transientShare * sum && sum > 0 };
  }

  function decide({ energy, transient }: FrameMeasure, atMs: number, interference = 0): VoiceTransition | null {
    // Light smoothing steadies the floor estimate; decisions use the raw frame energy.
    smoothed = smoothed === 0 ? energy : 0.6 * smoothed + 0.4 * energy;
    noiseFloor = Math.max(floorOf(smoothed), absoluteFloor / onsetFactor);
    const reference = noiseFloor + interference;
    const loudEnough = energy > absoluteFloor && !transient;
    if (!speaking) {
      if (loudEnough && energy > reference * onsetFactor) {
        if (activeRun === 0) runStartMs = atMs;
        activeRun++;
      } else activeRun = 0;
      if (activeRun < minSpeechFrames) return null;
      speaking = true;
      activeRun = 0;
      silentRun = 0;
      lastActiveEndMs = atMs + frameMs;
      return { speaking: true, atMs: runStartMs };
    }
    if (loudEnough && energy > reference * holdFactor) {
      silentRun = 0;
      lastActiveEndMs = atMs + frameMs;
      return null;
    }
    if (++silentRun < hangoverFrames) return null;
    speaking = false;
    silentRun = 0;
    return { speaking: false, atMs: lastActiveEndMs };
  }

  return {
    frameSamples,
    frameMs,
    measure,
    decide,
    process: (frame, atMs) => decide(measure(frame), atMs),
    flush(endMs) {
      activeRun = 0;
      if (!speaking) return null;
      speaking = false;
      silentRun = 0;
      return { speaking: false, atMs: Math.min(endMs, lastActiveEndMs) };
    },
    get speaking() {
      return speaking;
    },
    get noiseFloor() {
      return noiseFloor;
    },
  };
}
