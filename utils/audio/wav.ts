/**
 * WAV files in and out, for the talk-time CLI, the fixtures and the tests. Reading accepts what
 * recorders commonly write (PCM 8/16/24/32-bit, 32/64-bit float, WAVE_FORMAT_EXTENSIBLE, extra
 * chunks, a data chunk cut short); anything else is a WavError with a message a person can act on.
 */

export type WavProblem = 'empty' | 'not-wav' | 'not-mono' | 'unsupported' | 'damaged';

export class WavError extends Error {
  override name = 'WavError';
  readonly problem: WavProblem;
  constructor(problem: WavProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

export interface MonoAudio {
  sampleRate: number;
  /** Samples in -1..1. */
  samples: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
const MAX_SAMPLE_RATE = 384_000;

interface Format {
  code: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function damaged(detail: string): WavError {
  return new WavError('damaged', `the header is damaged: ${detail}`);
}

function readFormat(view: DataView, offset: number, size: number): Format {
  if (size < 16) throw damaged('the format chunk is too short');
  let code = view.getUint16(offset, true);
  const format = {
    code,
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
  if (code === FORMAT_EXTENSIBLE) {
    // The real format code is the first two bytes of the sub-format GUID, after cbSize and two fields.
    if (size < 26) throw damaged('the extended format chunk is too short');
    code = view.getUint16(offset + 24, true);
  }
  return { ...format, code };
}

function checkFormat(format: Format): void {
  const { code, channels, sampleRate, blockAlign, bitsPerSample } = format;
  if (channels === 0) throw damaged('it says the file has no channels');
  if (channels === 2) throw new WavError('not-mono', 'stereo: Rapport needs one mono file per side');
  if (channels > 2) throw new WavError('not-mono', `${channels} channels: Rapport needs one mono file per side`);
  if (sampleRate === 0 || sampleRate > MAX_SAMPLE_RATE) throw damaged(`sample rate ${sampleRate} Hz is not possible`);
  const pcm = code === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample);
  const float = code === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64);
  if (code !== FORMAT_PCM && code !== FORMAT_FLOAT) {
    throw new WavError('unsupported', `unsupported encoding (format code ${code}): save it as plain PCM WAV`);
  }
  if (!pcm && !float) throw damaged(`${bitsPerSample}-bit samples are not a valid ${code === FORMAT_PCM ? 'PCM' : 'float'} size`);
  if (blockAlign !== bitsPerSample / 8) throw damaged(`block size ${blockAlign} does not match ${bitsPerSample}-bit mono`);
}

function sampleReader(view: DataView, format: Format): (offset: number) => number {
  if (format.code === FORMAT_FLOAT) {
    return format.bitsPerSample === 32 ? (o) => view.getFloat32(o, true) : (o) => view.getFloat64(o, true);
  }
  switch (format.bitsPerSample) {
    case 8:
      return (o) => (view.getUint8(o) - 128) / 128;
    case 16:
      return (o) => view.getInt16(o, true) / 32768;
    case 24:
      return (o) => ((view.getInt8(o + 2) << 16) | (view.getUint8(o + 1) << 8) | view.getUint8(o)) / 8388608;
    default:
      return (o) => view.getInt32(o, true) / 2147483648;
  }
}

function decodeSamples(view: DataView, offset: number, length: number, format: Format): Float32Array {
  const count = Math.floor(length / format.blockAlign);
  const read = sampleReader(view, format);
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const value = read(offset + i * format.blockAlign);
    // Float files can hold NaN or huge values; the detectors expect finite samples in -1..1.
    samples[i] = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  }
  return samples;
}

/** Reads a mono WAV file. Throws WavError, and only WavError, on anything it cannot use. */
export function parseWav(input: Uint8Array | ArrayBuffer): MonoAudio {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength === 0) throw new WavError('empty', 'the file is empty');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw new WavError('not-wav', 'not a WAV file');
  }
  let format: Format | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = fourCC(view, offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const available = bytes.byteLength - body;
    if (id === 'fmt ') {
      if (declared > available) throw damaged('the format chunk runs past the end of the file');
      format = readFormat(view, body, declared);
      checkFormat(format);
    } else if (id === 'data') {
      if (!format) throw damaged('the audio comes before its format');
      // Recorders that were stopped abruptly leave a size larger than what was written: keep what is there.
      const samples = decodeSamples(view, body, Math.min(declared, available), format);
      if (samples.length === 0) throw new WavError('empty', 'the file is empty: it holds no audio');
      return { sampleRate: format.sampleRate, samples };
    }
    // Chunks are padded to an even length.
    offset = body + declared + (declared % 2);
  }
  throw format ? damaged('there is no audio data chunk') : damaged('there is no format chunk');
}

/** A 16-bit PCM mono WAV file (used by the fixture generator and tests). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, i) => {
    const clamped = Math.max(-1, Math.min(1, sample));
    view.setInt16(44 + i * 2, Math.round(clamped * 32767), true);
  });
  return bytes;
}
