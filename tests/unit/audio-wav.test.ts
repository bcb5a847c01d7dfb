import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWav16, parseWav, WavError } from '@/utils/audio/wav';

interface Chunk {
  id: string;
  body: Uint8Array;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const le = (value: number, bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => (value >>> (8 * i)) & 0xff);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function chunk({ id, body }: Chunk, declaredSize = body.length): Uint8Array {
  return concat([ascii(id), le(declaredSize, 4), body, body.length % 2 ? new Uint8Array(1) : new Uint8Array(0)]);
}

interface FormatFields {
  code?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  blockAlign?: number;
  extensibleCode?: number;
}

function fmt({ code = 1, channels = 1, rate = 8000, bits = 16, blockAlign, extensibleCode = 0 }: FormatFields = {}): Chunk {
  blockAlign ??= (channels * bits) / 8;
  const base = concat([le(code, 2), le(channels, 2), le(rate, 4), le(rate * blockAlign, 4), le(blockAlign, 2), le(bits, 2)]);
  if (code !== 0xfffe) return { id: 'fmt ', body: base };
  const guidTail = new Uint8Array(14);
  return { id: 'fmt ', body: concat([base, le(22, 2), le(bits, 2), le(4, 4), le(extensibleCode, 2), guidTail]) };
}

function wav(...chunks: Uint8Array[]): Uint8Array {
  const body = concat([ascii('WAVE'), ...chunks]);
  return concat([ascii('RIFF'), le(body.length, 4), body]);
}

const data = (bytes: number[]) => chunk({ id: 'data', body: Uint8Array.from(bytes) });

function problemOf(bytes: Uint8Array): string {
  try {
    parseWav(bytes);
    return 'parsed';
  } catch (error) {
    if (!(error instanceof WavError)) throw error;
    return `${error.problem}: ${error.message}`;
  }
}

describe('parseWav: encodings', () => {
  it('reads back what encodeWav16 wrote, at its sample rate', () => {
    const samples = Float32Array.from({ length: 441 }, (_, i) => Math.sin(i / 7) * 0.8);
    const audio = parseWav(encodeWav16(samples, 44_100));
    expect(audio.sampleRate).toBe(44_100);
    expect(audio.samples).toHaveLength(441);
    audio.samples.forEach((value, i) => expect(value).toBeCloseTo(samples[i]!, 4));
  });

  it.each([
    ['8-bit unsigned', fmt({ bits: 8 }), [0, 128, 255], [-1, 0, 127 / 128]],
    ['16-bit', fmt({ bits: 16 }), [0x00, 0x80, 0x00, 0x00, 0xff, 0x7f], [-1, 0, 32767 / 32768]],
    ['24-bit', fmt({ bits: 24 }), [0x00, 0x00, 0x80, 0x00, 0x00, 0x40], [-1, 0.5]],
    ['32-bit int', fmt({ bits: 32 }), [0, 0, 0, 0xc0], [-0.5]],
    ['32-bit float', fmt({ code: 3, bits: 32 }), [...new Uint8Array(Float32Array.of(0.25, -0.75).buffer)], [0.25, -0.75]],
    ['64-bit float', fmt({ code: 3, bits: 64 }), [...new Uint8Array(Float64Array.of(0.125).buffer)], [0.125]],
    ['WAVE_FORMAT_EXTENSIBLE PCM', fmt({ code: 0xfffe, bits: 16, extensibleCode: 1 }), [0x00, 0x40], [0.5]],
  ])('decodes %s', (_, format, bytes, expected) => {
    const audio = parseWav(wav(chunk(format), data(bytes)));
    expect([...audio.samples].map((x) => Number(x.toFixed(6)))).toEqual(expected.map((x) => Number(x.toFixed(6))));
  });

  it('skips unknown chunks, including odd-sized ones with their pad byte', () => {
    const bytes = wav(chunk({ id: 'LIST', body: ascii('odd') }), chunk(fmt()), chunk({ id: 'junk', body: ascii('x') }), data([0x00, 0x40]));
    expect([...parseWav(bytes).samples]).toEqual([0.5]);
  });

  it('keeps what is there when the data chunk claims more than the file holds (a recording cut short)', () => {
    const cutShort = concat([ascii('data'), le(1_000_000, 4), Uint8Array.of(0x00, 0x40, 0x00, 0xc0, 0x01)]);
    const bytes = wav(chunk(fmt()), cutShort);
    expect([...parseWav(bytes).samples]).toEqual([0.5, -0.5]);
  });

  it('turns NaN and out-of-range float samples into usable values', () => {
    const floats = new Uint8Array(Float32Array.of(Number.NaN, 4, -Infinity).buffer);
    expect([...parseWav(wav(chunk(fmt({ code: 3, bits: 32 })), data([...floats]))).samples]).toEqual([0, 1, 0]);
  });

  it('accepts a Uint8Array that is a view into a larger buffer, and an ArrayBuffer', () => {
    const file = wav(chunk(fmt()), data([0x00, 0x40]));
    const padded = new Uint8Array(file.length + 10);
    padded.set(file, 5);
    expect([...parseWav(padded.subarray(5, 5 + file.length)).samples]).toEqual([0.5]);
    expect([...parseWav(file.slice().buffer).samples]).toEqual([0.5]);
  });
});

describe('parseWav: problems in plain words', () => {
  it.each([
    ['an empty file', new Uint8Array(0), 'empty: the file is empty'],
    ['text', ascii('hello, this is not audio at all'), 'not-wav: not a WAV file'],
    ['a RIFF file of another kind', concat([ascii('RIFF'), le(4, 4), ascii('AVI ')]), 'not-wav: not a WAV file'],
    ['a stereo file', wav(chunk(fmt({ channels: 2 })), data([0, 0, 0, 0])), 'not-mono: stereo: Rapport needs one mono file per side'],
    ['a 6-channel file', wav(chunk(fmt({ channels: 6 })), data([0, 0])), 'not-mono: 6 channels: Rapport needs one mono file per side'],
    ['no audio in the data chunk', wav(chunk(fmt()), data([])), 'empty: the file is empty: it holds no audio'],
    ['a-law audio', wav(chunk(fmt({ code: 6, bits: 8 })), data([1])), 'unsupported: unsupported encoding (format code 6): save it as plain PCM WAV'],
    ['no format chunk', wav(data([0, 0])), 'damaged: the header is damaged: the audio comes before its format'],
    ['only a format chunk', wav(chunk(fmt())), 'damaged: the header is damaged: there is no audio data chunk'],
    ['nothing after the WAVE tag', wav(), 'damaged: the header is damaged: there is no format chunk'],
    ['a short format chunk', wav(chunk({ id: 'fmt ', body: new Uint8Array(10) }), data([0, 0])), 'damaged: the header is damaged: the format chunk is too short'],
    ['a format chunk past the end', wav(chunk(fmt(), 400)), 'damaged: the header is damaged: the format chunk runs past the end of the file'],
    ['zero channels', wav(chunk(fmt({ channels: 0, blockAlign: 2 })), data([0, 0])), 'damaged: the header is damaged: it says the file has no channels'],
    ['a zero sample rate', wav(chunk(fmt({ rate: 0 })), data([0, 0])), 'damaged: the header is damaged: sample rate 0 Hz is not possible'],
    ['12-bit samples', wav(chunk(fmt({ bits: 12, blockAlign: 2 })), data([0, 0])), 'damaged: the header is damaged: 12-bit samples are not a valid PCM size'],
    ['a wrong block size', wav(chunk(fmt({ bits: 16, blockAlign: 4 })), data([0, 0, 0, 0])), 'damaged: the header is damaged: block size 4 does not match 16-bit mono'],
  ])('%s', (_, bytes, expected) => {
    expect(problemOf(bytes)).toBe(expected);
  });

  it('never throws anything but a WavError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(problemOf(bytes)).toBeTypeOf('string');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but a WavError on a real header followed by arbitrary chunks', () => {
    const header = concat([ascii('RIFF'), le(1000, 4), ascii('WAVE')]);
    const chunks = fc.array(
      fc.record({
        id: fc.constantFrom('fmt ', 'data', 'LIST', 'fact'),
        declared: fc.nat({ max: 70 }),
        body: fc.uint8Array({ maxLength: 60 }),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(chunks, (list) => {
        const bytes = concat([header, ...list.map((c) => concat([ascii(c.id), le(c.declared, 4), c.body]))]);
        expect(problemOf(bytes)).toBeTypeOf('string');
      }),
      { numRuns: 1000 },
    );
  });
});
