import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTalkAnalyser, type SpeechTransition } from '@/utils/audio/talk-analyser';
import { voiceDetectorDefaults } from '@/utils/audio/voice-detector';
import { parseWav } from '@/utils/audio/wav';
import { conversationDefaults } from '@/utils/conversation';
import { createLiveTalkReporter } from '@/utils/live-talk';
import type { Speaker, TalkLog } from '@/utils/model';
import { applyTalkEvent, openingMs, type TalkEvent } from '@/utils/talk';
import { fixturesDir } from '../support/talk-fixtures';

/** Wall clock at stream time 0. */
const WALL0 = 1_700_000_000_000;
const LIMIT = conversationDefaults.backchannelMaxMs;
/** The detector reports an end this long after it (its hangover), dated back. */
const DELAY = voiceDetectorDefaults.hangoverMs;

const change = (speaker: Speaker, speaking: boolean, atMs: number): SpeechTransition => ({ speaker, speaking, atMs });
const event = (speaker: Speaker, speaking: boolean, streamMs: number, short?: true): TalkEvent => ({
  type: 'speech',
  speaker,
  speaking,
  at: WALL0 + streamMs,
  source: 'auto',
  ...(short ? { short } : {}),
});

function reporter() {
  return createLiveTalkReporter({ toWall: (streamMs) => WALL0 + streamMs });
}

function openingLog(startedAt: number): TalkLog {
  return { segments: [], opening: { startedAt, endedAt: null } };
}

describe('createLiveTalkReporter', () => {
  it('passes the patient’s transitions straight through, in wall time', () => {
    const live = createLiveTalkReporter({ toWall: (streamMs) => WALL0 + streamMs + 0.4 });
    expect(live.accept([change('patient', true, 1_000)], 1_100)).toEqual([
      { type: 'speech', speaker: 'patient', speaking: true, at: WALL0 + 1_000, source: 'auto' },
    ]);
    expect(live.accept([], 5_000)).toEqual([]);
    expect(live.accept([change('patient', false, 5_020.6)], 5_520)).toEqual([
      { type: 'speech', speaker: 'patient', speaking: false, at: WALL0 + 5_021, source: 'auto' },
    ]);
  });

  it('reports a therapist utterance shorter than a backchannel only after it ended, marked short', () => {
    const live = reporter();
    expect(live.accept([change('therapist', true, 2_000)], 2_100)).toEqual([]);
    expect(live.accept([], 2_000 + LIMIT)).toEqual([]);
    // 600 ms of "mm-hm": its end arrives a hangover later, after the stream passed start + limit.
    expect(live.accept([], 2_600 + DELAY - 20)).toEqual([]);
    expect(live.accept([change('therapist', false, 2_600)], 2_600 + DELAY)).toEqual([
      event('therapist', true, 2_000, true),
      event('therapist', false, 2_600),
    ]);
    expect(live.accept([], 10_000)).toEqual([]);
  });

  it('reports a longer therapist turn from its real start once it is sure to be past the limit, then its end', () => {
    const live = reporter();
    expect(live.accept([change('therapist', true, 2_000)], 2_100)).toEqual([]);
    expect(live.accept([], 2_000 + LIMIT + DELAY)).toEqual([]);
    expect(live.accept([], 2_000 + LIMIT + DELAY + 20)).toEqual([event('therapist', true, 2_000)]);
    expect(live.accept([], 4_000)).toEqual([]);
    expect(live.accept([change('therapist', false, 5_000)], 5_000 + DELAY)).toEqual([event('therapist', false, 5_000)]);
    expect(live.accept([change('therapist', false, 6_000)], 7_000)).toEqual([]);
  });

  it('reports a turn that ended past the limit as a turn, even when its end comes in the same batch (the flush when listening stops)', () => {
    const live = reporter();
    live.accept([change('therapist', true, 2_000)], 2_100);
    expect(live.accept([change('therapist', false, 2_000 + LIMIT + 200)], 2_000 + LIMIT + 200)).toEqual([
      event('therapist', true, 2_000),
      event('therapist', false, 2_000 + LIMIT + 200),
    ]);
  });

  it('a backchannel during a running opening leaves it running; a long therapist turn ends it at its start', () => {
    const live = reporter();
    const batches: [SpeechTransition[], number][] = [
      [[change('patient', true, 1_000)], 1_100],
      [[change('therapist', true, 4_000)], 4_100],
      [[], 4_000 + LIMIT + 100],
      [[change('therapist', false, 4_700)], 4_700 + DELAY],
      [[change('patient', false, 9_000)], 9_000 + DELAY],
      [[change('therapist', true, 9_300)], 9_400],
      [[], 12_000],
    ];
    let log = openingLog(WALL0 + 500);
    const afterBackchannel: TalkLog[] = [];
    for (const [transitions, streamMs] of batches) {
      log = live.accept(transitions, streamMs).reduce(applyTalkEvent, log);
      if (streamMs === 9_000 + DELAY) afterBackchannel.push(log);
    }
    expect(afterBackchannel[0]!.opening).toEqual({ startedAt: WALL0 + 500, endedAt: null });
    expect(afterBackchannel[0]!.segments).toContainEqual({ speaker: 'therapist', start: WALL0 + 4_000, end: WALL0 + 4_700, source: 'auto' });
    expect(log.opening).toEqual({ startedAt: WALL0 + 500, endedAt: WALL0 + 9_300 });
    expect(log.segments.at(-1)).toEqual({ speaker: 'therapist', start: WALL0 + 9_300, end: null, source: 'auto' });
  });

  it('on a recorded call, fed in 20 ms chunks, the opening statement runs through the backchannels to the therapist’s turn', () => {
    const folder = join(fixturesDir, 'long-opening');
    const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) as {
      segments: Record<Speaker, { startMs: number; endMs: number }[]>;
      expected: { openingStatementMs: number; backchannels: number };
    };
    const therapist = parseWav(readFileSync(join(folder, 'therapist.wav')));
    const patient = parseWav(readFileSync(join(folder, 'patient.wav')));
    expect(patient.sampleRate).toBe(therapist.sampleRate);
    expect(truth.expected.backchannels).toBeGreaterThan(0);
    const rate = therapist.sampleRate;
    const analyser = createTalkAnalyser({ sampleRate: rate });
    const live = createLiveTalkReporter({ toWall: (streamMs) => streamMs });
    const chunk = Math.round(rate * 0.02);
    const length = Math.min(therapist.samples.length, patient.samples.length);
    // As in truth.json, the opening statement runs from the patient's first words: the therapist
    // starts the opening timer then, after asking the opening question.
    const openingAt = truth.segments.patient[0]!.startMs;
    let log: TalkLog = { segments: [], opening: { startedAt: null, endedAt: null } };
    for (let offset = 0; offset < length; offset += chunk) {
      const end = Math.min(offset + chunk, length);
      const transitions = analyser.process(therapist.samples.subarray(offset, end), patient.samples.subarray(offset, end), (offset * 1000) / rate);
      if (log.opening.startedAt === null && (end * 1000) / rate >= openingAt) log = applyTalkEvent(log, { type: 'opening', running: true, at: openingAt });
      log = live.accept(transitions, (end * 1000) / rate).reduce(applyTalkEvent, log);
    }
    // The backchannels were heard (and recorded as talk), then the turn that ended the opening.
    const therapistAfter = log.segments.filter((s) => s.speaker === 'therapist' && s.start > log.opening.startedAt!);
    expect(therapistAfter.length).toBeGreaterThan(truth.expected.backchannels);
    expect(Math.abs(openingMs(log, Infinity)! - truth.expected.openingStatementMs)).toBeLessThan(1_500);
  });
});
