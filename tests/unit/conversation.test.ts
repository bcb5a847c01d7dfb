import { describe, expect, it } from 'vitest';
import type { Speaker } from '@/utils/model';
import { conversationDefaults, conversationMetrics, shareBetween, type SpeechSegment } from '@/utils/conversation';

const s = (speaker: Speaker, start: number, end: number | null): SpeechSegment => ({ speaker, start, end });
const P = (start: number, end: number | null) => s('patient', start, end);
const T = (start: number, end: number | null) => s('therapist', start, end);

describe('conversationMetrics: totals and share', () => {
  it('gives zeros and nulls when nobody talks', () => {
    expect(conversationMetrics([])).toEqual({
      therapistMs: 0,
      patientMs: 0,
      therapistShare: null,
      openingStatementMs: null,
      interruptions: 0,
      backchannels: 0,
      longestPatientTurnMs: 0,
      longestTherapistTurnMs: 0,
      medianResponsePauseMs: null,
    });
  });

  it('handles only the therapist talking', () => {
    const m = conversationMetrics([T(0, 4000), T(5000, 7000)]);
    expect(m).toMatchObject({ therapistMs: 6000, patientMs: 0, therapistShare: 1, openingStatementMs: null });
    expect(m.longestTherapistTurnMs).toBe(7000);
    expect(m.medianResponsePauseMs).toBeNull();
  });

  it('handles only the patient talking: the opening statement runs to the end', () => {
    const m = conversationMetrics([P(1000, 4000), P(6000, 9000)], { now: 12_000 });
    expect(m).toMatchObject({ therapistMs: 0, patientMs: 6000, therapistShare: 0, openingStatementMs: 11_000 });
    expect(m.longestPatientTurnMs).toBe(3000);
  });

  it('counts overlapping speech for both, and overlapping segments of one speaker once', () => {
    const m = conversationMetrics([P(0, 10_000), T(4000, 6000), P(8000, 12_000)]);
    expect(m.patientMs).toBe(12_000);
    expect(m.therapistMs).toBe(2000);
    expect(m.therapistShare).toBeCloseTo(2 / 14);
  });

  it('counts open segments up to now, or up to the latest time known', () => {
    expect(conversationMetrics([P(0, 3000), T(4000, null)], { now: 10_000 }).therapistMs).toBe(6000);
    expect(conversationMetrics([P(0, 3000), T(2000, null)]).therapistMs).toBe(1000);
    expect(conversationMetrics([T(5000, null)], { now: 1000 }).therapistMs).toBe(0);
  });

  it('ignores segments that end before they start', () => {
    expect(conversationMetrics([P(5000, 4000), T(0, 1000)]).patientMs).toBe(0);
  });
});

describe('conversationMetrics: interruptions and backchannels', () => {
  it('counts a short "mm-hm" while the patient talks as a backchannel, not an interruption', () => {
    const m = conversationMetrics([P(0, 10_000), T(3000, 3600)]);
    expect(m).toMatchObject({ backchannels: 1, interruptions: 0 });
  });

  it('counts a backchannel in a pause when the patient goes on', () => {
    expect(conversationMetrics([P(0, 4000), T(4300, 4700), P(5200, 9000)])).toMatchObject({ backchannels: 1, interruptions: 0 });
  });

  it('counts the therapist taking the floor while the patient speaks as an interruption', () => {
    const m = conversationMetrics([P(0, 10_000), T(6000, 12_000)]);
    expect(m).toMatchObject({ interruptions: 1, backchannels: 0 });
  });

  it('counts a short cut-in after which the patient stops as an interruption', () => {
    const m = conversationMetrics([P(0, 6500), T(6000, 6800)], { now: 20_000 });
    expect(m).toMatchObject({ interruptions: 1, backchannels: 0 });
  });

  it('does not count answering after the patient stops, or overlapping their last syllable', () => {
    expect(conversationMetrics([P(0, 5000), T(5800, 9000)])).toMatchObject({ interruptions: 0, backchannels: 0 });
    expect(conversationMetrics([P(0, 5000), T(4850, 9000)])).toMatchObject({ interruptions: 0, backchannels: 0 });
  });

  it('uses the backchannel limit from the settings (1 s by default)', () => {
    expect(conversationDefaults.backchannelMaxMs).toBe(1000);
    const segments = [P(0, 10_000), T(3000, 4200)];
    expect(conversationMetrics(segments).interruptions).toBe(1);
    expect(conversationMetrics(segments, { backchannelMaxMs: 1500 })).toMatchObject({ interruptions: 0, backchannels: 1 });
  });
});

describe('conversationMetrics: opening statement', () => {
  it('runs from the patient’s first words until the therapist takes the floor', () => {
    const m = conversationMetrics([T(0, 3000), P(4000, 20_000), T(21_000, 25_000)]);
    expect(m.openingStatementMs).toBe(17_000);
  });

  it('is not ended by backchannels, during speech or in pauses', () => {
    const m = conversationMetrics([T(0, 3000), P(4000, 20_000), T(8000, 8500), P(20_800, 40_000), T(20_100, 20_400), T(41_000, 45_000)]);
    expect(m.backchannels).toBe(2);
    expect(m.openingStatementMs).toBe(37_000);
  });

  it('is ended by an interruption', () => {
    expect(conversationMetrics([P(1000, 30_000), T(19_000, 25_000)]).openingStatementMs).toBe(18_000);
  });

  it('starts at the patient’s first words after the opening question when given', () => {
    const segments = [P(0, 2000), T(2500, 5000), P(60_000, 90_000), T(91_000, 95_000)];
    expect(conversationMetrics(segments, { openingStartedAt: 55_000 }).openingStatementMs).toBe(31_000);
    expect(conversationMetrics(segments, { openingStartedAt: 1000 }).openingStatementMs).toBe(1500);
    expect(conversationMetrics(segments, { openingStartedAt: 200_000 }).openingStatementMs).toBeNull();
  });

  it('runs to now while the patient is still telling their story', () => {
    expect(conversationMetrics([P(2000, null)], { now: 92_000 }).openingStatementMs).toBe(90_000);
  });
});

describe('conversationMetrics: turns and response pauses', () => {
  it('merges one speaker’s speech across short pauses into a turn, not across long ones', () => {
    const m = conversationMetrics([P(0, 4000), P(4800, 9000), P(12_000, 13_000)]);
    expect(m.longestPatientTurnMs).toBe(9000);
  });

  it('ends a turn when the other person takes a turn in the gap, but not for a backchannel', () => {
    expect(conversationMetrics([P(0, 4000), T(4100, 4400), P(5000, 9000)]).longestPatientTurnMs).toBe(9000);
    expect(conversationMetrics([P(0, 4000), T(4100, 4400), P(5000, 9000)]).longestTherapistTurnMs).toBe(0);
    expect(conversationMetrics([P(0, 2000), T(2300, 4000), P(4200, 6000)]).longestPatientTurnMs).toBe(2000);
  });

  it('measures the pause before the therapist answers and takes the median', () => {
    const m = conversationMetrics([P(0, 3000), T(3300, 6000), P(7500, 10_000), T(11_500, 13_000), P(14_600, 16_000), T(17_000, 18_000)]);
    expect(m.medianResponsePauseMs).toBe(1000);
    expect(conversationMetrics([P(0, 3000), T(3300, 6000), P(8000, 10_000), T(11_000, 14_000)]).medianResponsePauseMs).toBe(650);
  });

  it('leaves out overlaps (no pause) and long silences (something else happened)', () => {
    expect(conversationMetrics([P(0, 5000), T(4000, 9000)]).medianResponsePauseMs).toBeNull();
    expect(conversationMetrics([P(0, 5000), T(15_000, 17_000)]).medianResponsePauseMs).toBeNull();
    expect(conversationMetrics([P(0, 5000), T(15_000, 17_000)], { maxResponsePauseMs: 20_000 }).medianResponsePauseMs).toBe(10_000);
  });

  it('takes no pause when the patient speaks again before the therapist does', () => {
    expect(conversationMetrics([P(0, 2000), P(6000, 8000), T(9000, 10_000)]).medianResponsePauseMs).toBe(1000);
  });
});

describe('shareBetween', () => {
  const segments = [T(0, 10_000), P(10_000, 40_000), T(40_000, 50_000), P(50_000, null)];

  it('clips talk to the window (a checklist section)', () => {
    expect(shareBetween(segments, 5000, 20_000)).toEqual({ therapistMs: 5000, patientMs: 10_000, therapistShare: 1 / 3 });
  });

  it('counts open segments up to now', () => {
    expect(shareBetween(segments, 45_000, 100_000, 60_000)).toEqual({ therapistMs: 5000, patientMs: 10_000, therapistShare: 1 / 3 });
  });

  it('gives null share for a window where nobody talked or an empty window', () => {
    expect(shareBetween([T(0, 1000)], 2000, 3000).therapistShare).toBeNull();
    expect(shareBetween(segments, 3000, 3000)).toEqual({ therapistMs: 0, patientMs: 0, therapistShare: null });
  });
});
