import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav16, parseWav } from '@/utils/audio/wav';
import { resample } from '@/utils/audio/talk-analyser';

const cli = resolve(import.meta.dirname, '../../scripts/talk-time.ts');
const fixture = resolve(import.meta.dirname, '../fixtures/audio/long-opening');
const therapistWav = join(fixture, 'therapist.wav');
const patientWav = join(fixture, 'patient.wav');
const truth = JSON.parse(readFileSync(join(fixture, 'truth.json'), 'utf8')) as {
  durationMs: number;
  expected: Record<string, number>;
  segments: Record<'therapist' | 'patient', { startMs: number; endMs: number }[]>;
};
const scratch = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratchFile(name: string, bytes: Uint8Array | string): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

describe('talk-time CLI', () => {
  it('prints one JSON object with the metrics and segments, close to the truth', () => {
    const { code, stdout, stderr } = runCli('--therapist', therapistWav, '--patient', patientWav);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(
      expect.arrayContaining([
        'therapistMs',
        'patientMs',
        'therapistShare',
        'openingStatementMs',
        'interruptions',
        'backchannels',
        'longestPatientTurnMs',
        'longestTherapistTurnMs',
        'medianResponsePauseMs',
        'segments',
      ]),
    );
    const { expected } = truth;
    for (const key of ['therapistMs', 'patientMs', 'openingStatementMs', 'longestPatientTurnMs', 'longestTherapistTurnMs']) {
      expect(Math.abs(output[key] - expected[key]!), key).toBeLessThan(800);
    }
    expect(output.therapistShare).toBeCloseTo(expected.therapistShare!, 1);
    expect(output.backchannels).toBe(expected.backchannels);
    expect(output.interruptions).toBe(expected.interruptions);
    expect(output.segments.patient).toHaveLength(truth.segments.patient.length);
    for (const side of ['therapist', 'patient'] as const) {
      for (const segment of output.segments[side]) {
        expect(segment).toEqual({ startMs: expect.any(Number), endMs: expect.any(Number) });
        expect(Number.isInteger(segment.startMs) && segment.endMs > segment.startMs).toBe(true);
      }
    }
  });

  it('takes files of different sample rates and lengths', () => {
    const patient = parseWav(readFileSync(patientWav));
    const at16k = resample(patient.samples, patient.sampleRate, 16_000).subarray(0, 16_000 * 20);
    const path = scratchFile('patient-16k.wav', encodeWav16(at16k, 16_000));
    const { code, stdout } = runCli('--therapist', therapistWav, '--patient', path);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.durationMs).toBe(truth.durationMs);
    expect(output.segments.patient.every((s: { endMs: number }) => s.endMs <= 20_000)).toBe(true);
    expect(output.segments.therapist.length).toBeGreaterThan(0);
  });

  it('explains itself and its exit codes on --help', () => {
    const { code, stdout } = runCli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--therapist');
    for (const exitCode of [2, 3, 4, 5, 6, 7, 8]) expect(stdout).toMatch(new RegExp(`^  ${exitCode}  `, 'm'));
  });

  const stereo = () => {
    const mono = encodeWav16(new Float32Array(8), 8000);
    const view = new DataView(mono.buffer);
    view.setUint16(22, 2, true);
    view.setUint16(32, 4, true);
    return scratchFile('stereo.wav', mono);
  };
  const damaged = () => {
    const bytes = encodeWav16(new Float32Array(8), 8000);
    new DataView(bytes.buffer).setUint16(34, 12, true);
    return scratchFile('damaged.wav', bytes);
  };

  it.each([
    ['a missing flag', () => ['--therapist', therapistWav], 2, /^talk-time: missing --patient <file\.wav> \(see --help\)$/],
    ['no flags', () => [], 2, /missing --therapist <file\.wav> and --patient <file\.wav>/],
    ['an unknown flag', () => ['--speaker', 'x'], 2, /Unknown option '--speaker'/],
    ['a missing file', () => ['--therapist', therapistWav, '--patient', join(scratch, 'nope.wav')], 3, /--patient .*nope\.wav: no such file$/],
    ['a folder', () => ['--therapist', scratch, '--patient', patientWav], 3, /--therapist .*: cannot be read$/],
    ['not a WAV file', () => ['--therapist', scratchFile('notes.txt', 'hello'), '--patient', patientWav], 4, /notes\.txt: not a WAV file$/],
    ['an empty file', () => ['--therapist', therapistWav, '--patient', scratchFile('empty.wav', '')], 5, /empty\.wav: the file is empty$/],
    ['a stereo file', () => ['--therapist', stereo(), '--patient', patientWav], 6, /stereo\.wav: stereo: Rapport needs one mono file per side$/],
    ['a damaged header', () => ['--therapist', damaged(), '--patient', patientWav], 7, /damaged\.wav: the header is damaged: /],
  ])('%s: one plain line on stderr, its own exit code, nothing on stdout', (_, args, exitCode, message) => {
    const { code, stdout, stderr } = runCli(...args());
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+|Error:/);
  });
});
