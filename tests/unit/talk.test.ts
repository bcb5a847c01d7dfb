import { describe, expect, it } from 'vitest';
import type { Speaker, TalkLog } from '@/utils/model';
import {
  applyTalkEvent,
  currentSpeakers,
  floorEvents,
  isOpeningRunning,
  lastTalkAt,
  openingMs,
  talkTotals,
  toggleFloor,
  type TalkEvent,
} from '@/utils/talk';

function emptyLog(): TalkLog {
  return { segments: [], opening: { startedAt: null, endedAt: null } };
}

const start = (speaker: Speaker, at: number): TalkEvent => ({ type: 'speech', speaker, speaking: true, at, source: 'manual' });
const stop = (speaker: Speaker, at: number): TalkEvent => ({ type: 'speech', speaker, speaking: false, at, source: 'manual' });
const opening = (running: boolean, at: number): TalkEvent => ({ type: 'opening', running, at });

function apply(log: TalkLog, ...events: TalkEvent[]): TalkLog {
  return events.reduce(applyTalkEvent, log);
}

describe('applyTalkEvent: speech', () => {
  it('opens a segment when a speaker starts and closes it when they stop', () => {
    const started = apply(emptyLog(), start('patient', 1_000));
    expect(started.segments).toEqual([{ speaker: 'patient', start: 1_000, end: null, source: 'manual' }]);
    const stopped = apply(started, stop('patient', 4_000));
    expect(stopped.segments).toEqual([{ speaker: 'patient', start: 1_000, end: 4_000, source: 'manual' }]);
  });

  it('keeps the event’s source on the segment', () => {
    const log = apply(emptyLog(), { type: 'speech', speaker: 'therapist', speaking: true, at: 5, source: 'auto' });
    expect(log.segments[0]?.source).toBe('auto');
  });

  it('tracks each speaker separately', () => {
    const log = apply(emptyLog(), start('patient', 0), start('therapist', 2_000), stop('therapist', 3_000));
    expect(log.segments).toEqual([
      { speaker: 'patient', start: 0, end: null, source: 'manual' },
      { speaker: 'therapist', start: 2_000, end: 3_000, source: 'manual' },
    ]);
    expect(currentSpeakers(log)).toEqual(new Set(['patient']));
  });

  it('ignores a repeated start while the speaker is already talking', () => {
    const once = apply(emptyLog(), start('patient', 1_000));
    const twice = apply(once, start('patient', 2_000));
    expect(twice).toEqual(once);
    expect(twice.segments).toHaveLength(1);
  });

  it('treats a stop without a start as a no-op', () => {
    const log = apply(emptyLog(), start('therapist', 0), stop('therapist', 10));
    expect(apply(log, stop('therapist', 20))).toEqual(log);
    expect(apply(emptyLog(), stop('patient', 5))).toEqual(emptyLog());
  });

  it('starts a new segment when a speaker talks again after stopping', () => {
    const log = apply(emptyLog(), start('patient', 0), stop('patient', 1_000), start('patient', 3_000));
    expect(log.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 1_000],
      [3_000, null],
    ]);
  });

  it('never ends a segment before it started (a stop stamped earlier ends it at its start)', () => {
    const log = apply(emptyLog(), start('patient', 5_000), stop('patient', 4_000));
    expect(log.segments[0]).toMatchObject({ start: 5_000, end: 5_000 });
  });

  it('does not change the log it was given', () => {
    const log = apply(emptyLog(), start('patient', 0));
    const copy = structuredClone(log);
    apply(log, stop('patient', 10), start('therapist', 10), opening(true, 20));
    expect(log).toEqual(copy);
  });
});

describe('applyTalkEvent: the opening statement', () => {
  it('starts running on an opening start event', () => {
    const log = apply(emptyLog(), opening(true, 1_000));
    expect(log.opening).toEqual({ startedAt: 1_000, endedAt: null });
    expect(isOpeningRunning(log)).toBe(true);
  });

  it('ends when the therapist starts speaking', () => {
    const log = apply(emptyLog(), opening(true, 1_000), start('therapist', 19_000));
    expect(log.opening).toEqual({ startedAt: 1_000, endedAt: 19_000 });
    expect(isOpeningRunning(log)).toBe(false);
  });

  it('keeps running while the patient speaks, stops and speaks again', () => {
    const log = apply(emptyLog(), opening(true, 0), start('patient', 0), stop('patient', 30_000), start('patient', 31_000));
    expect(log.opening).toEqual({ startedAt: 0, endedAt: null });
    expect(isOpeningRunning(log)).toBe(true);
  });

  it('ends on an opening stop event', () => {
    const log = apply(emptyLog(), opening(true, 1_000), opening(false, 93_000));
    expect(log.opening).toEqual({ startedAt: 1_000, endedAt: 93_000 });
  });

  it('ignores a stop when it is not running', () => {
    expect(apply(emptyLog(), opening(false, 5))).toEqual(emptyLog());
    const ended = apply(emptyLog(), opening(true, 0), opening(false, 10_000));
    expect(apply(ended, opening(false, 20_000)).opening).toEqual({ startedAt: 0, endedAt: 10_000 });
  });

  it('does not let a later therapist turn move an opening that has already ended', () => {
    const ended = apply(emptyLog(), opening(true, 0), opening(false, 10_000));
    expect(apply(ended, start('therapist', 20_000)).opening).toEqual({ startedAt: 0, endedAt: 10_000 });
  });

  it('never ends before it started when stopped with an earlier time', () => {
    const log = apply(emptyLog(), opening(true, 10_000), opening(false, 9_000));
    expect(log.opening).toEqual({ startedAt: 10_000, endedAt: 10_000 });
  });

  it('never ends before it started when the therapist’s turn is stamped earlier', () => {
    const log = apply(emptyLog(), opening(true, 10_000), start('therapist', 9_000));
    expect(log.opening.endedAt).toBeGreaterThanOrEqual(10_000);
  });

  it('restarts from scratch on a new start event', () => {
    const log = apply(emptyLog(), opening(true, 0), opening(false, 10_000), opening(true, 60_000));
    expect(log.opening).toEqual({ startedAt: 60_000, endedAt: null });
    expect(isOpeningRunning(log)).toBe(true);
  });

  it('leaves speech segments alone when it starts or stops', () => {
    const talking = apply(emptyLog(), start('patient', 0));
    const log = apply(talking, opening(true, 1_000), opening(false, 2_000));
    expect(log.segments).toEqual(talking.segments);
  });
});

describe('floorEvents and toggleFloor: the manual talking buttons', () => {
  it('gives the pressed side the floor and stops the other side', () => {
    expect(floorEvents('patient', 7)).toEqual([stop('therapist', 7), start('patient', 7)]);
    expect(floorEvents('therapist', 8)).toEqual([stop('patient', 8), start('therapist', 8)]);
  });

  it('switches the speaker when the other side’s button is pressed', () => {
    const patientTalking = apply(emptyLog(), ...toggleFloor(emptyLog(), 'patient', 0));
    expect(currentSpeakers(patientTalking)).toEqual(new Set(['patient']));
    const therapistTalking = apply(patientTalking, ...toggleFloor(patientTalking, 'therapist', 5_000));
    expect(currentSpeakers(therapistTalking)).toEqual(new Set(['therapist']));
    expect(therapistTalking.segments).toEqual([
      { speaker: 'patient', start: 0, end: 5_000, source: 'manual' },
      { speaker: 'therapist', start: 5_000, end: null, source: 'manual' },
    ]);
  });

  it('means silence when the talking side’s button is pressed again', () => {
    const talking = apply(emptyLog(), ...toggleFloor(emptyLog(), 'therapist', 0));
    const events = toggleFloor(talking, 'therapist', 3_000);
    expect(events).toEqual([stop('therapist', 3_000)]);
    const silent = apply(talking, ...events);
    expect(currentSpeakers(silent).size).toBe(0);
  });
});

describe('talkTotals', () => {
  it('reports nothing said and no share before anyone talks', () => {
    expect(talkTotals(emptyLog(), 1_000_000)).toEqual({ patientMs: 0, therapistMs: 0, therapistShare: null });
  });

  it('sums closed segments and runs open ones up to now', () => {
    const log = apply(
      emptyLog(),
      start('patient', 0),
      stop('patient', 10_000),
      start('therapist', 10_000),
      stop('therapist', 15_000),
      start('patient', 20_000),
    );
    expect(talkTotals(log, 30_000)).toEqual({ patientMs: 20_000, therapistMs: 5_000, therapistShare: 0.2 });
    expect(talkTotals(log, 40_000).patientMs).toBe(30_000);
  });

  it('counts overlapping talk for both speakers', () => {
    const log = apply(emptyLog(), start('patient', 0), start('therapist', 5_000), stop('patient', 10_000), stop('therapist', 10_000));
    const totals = talkTotals(log, 60_000);
    expect(totals.patientMs).toBe(10_000);
    expect(totals.therapistMs).toBe(5_000);
    expect(totals.therapistShare).toBeCloseTo(1 / 3);
  });

  it('gives a share of 1 when only the therapist has talked', () => {
    const log = apply(emptyLog(), start('therapist', 0), stop('therapist', 1_000));
    expect(talkTotals(log, 5_000).therapistShare).toBe(1);
  });

  it('keeps the share null while the only talk has lasted no time', () => {
    const log = apply(emptyLog(), start('patient', 1_000));
    expect(talkTotals(log, 1_000)).toEqual({ patientMs: 0, therapistMs: 0, therapistShare: null });
  });

  it('never counts negative time when now is before an open segment’s start', () => {
    const log = apply(emptyLog(), start('patient', 10_000));
    expect(talkTotals(log, 5_000).patientMs).toBe(0);
  });
});

describe('openingMs', () => {
  it('is null before the opening statement started', () => {
    expect(openingMs(emptyLog(), 50_000)).toBeNull();
  });

  it('runs up to now while the opening is running', () => {
    const log = apply(emptyLog(), opening(true, 10_000));
    expect(openingMs(log, 28_000)).toBe(18_000);
    expect(openingMs(log, 100_000)).toBe(90_000);
  });

  it('stays at its final length once ended, whatever now is', () => {
    const log = apply(emptyLog(), opening(true, 10_000), start('therapist', 102_000));
    expect(openingMs(log, 500_000)).toBe(92_000);
  });

  it('is never negative', () => {
    const log = apply(emptyLog(), opening(true, 10_000));
    expect(openingMs(log, 0)).toBe(0);
  });
});

describe('lastTalkAt', () => {
  it('is null for an empty log', () => {
    expect(lastTalkAt(emptyLog())).toBeNull();
  });

  it('is the latest start, end or opening mark, open segments counting from their start', () => {
    const log = apply(emptyLog(), opening(true, 1_000), start('patient', 1_000), stop('patient', 9_000), start('therapist', 9_500));
    expect(lastTalkAt(log)).toBe(9_500);
    expect(lastTalkAt(apply(log, stop('therapist', 12_000)))).toBe(12_000);
  });
});
