import { describe, expect, it } from 'vitest';
import { goalHistory } from '@/utils/goals';
import { indexEntry, visitHistory } from '@/utils/history';
import { newVisit, type Visit } from '@/utils/model';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 1, 15);

function finished(id: string, day: number, changes: Partial<Visit> = {}): Visit {
  const start = T0 + day * DAY;
  return { ...newVisit(id, 'meet:abc-defg-hij', 'p1', start), startedAt: start, endedAt: start + 30 * 60_000, ...changes };
}

describe('visitHistory', () => {
  it('lists only the patient’s finished visits, oldest first, with their figures', () => {
    const talk: Visit['talk'] = {
      segments: [
        { speaker: 'patient', start: T0 + 14 * DAY, end: T0 + 14 * DAY + 60_000, source: 'manual' },
        { speaker: 'therapist', start: T0 + 14 * DAY + 60_000, end: T0 + 14 * DAY + 80_000, source: 'manual' },
      ],
      opening: { startedAt: T0 + 14 * DAY, endedAt: T0 + 14 * DAY + 60_000 },
    };
    const rows = visitHistory(
      [
        finished('later', 14, { talk, checked: { 'greet-by-name': 1, 'uncover-why': 2 }, selfCheck: { 'agreed-goals': 4, 'felt-heard': 5 } }),
        finished('first', 0),
        { ...finished('open', 20), endedAt: null },
        { ...finished('someone else', 7), patientId: 'p2' },
      ].map(indexEntry),
      'p1',
    );
    expect(rows.map((row) => row.visitId)).toEqual(['first', 'later']);
    expect(rows[1]).toEqual({
      visitId: 'later',
      startedAt: T0 + 14 * DAY,
      durationMs: 30 * 60_000,
      coverage: 2 / 23,
      therapistShare: 0.25,
      openingMs: 60_000,
      selfCheck: 4.5,
    });
    expect(rows[0]).toMatchObject({ coverage: 0, therapistShare: null, openingMs: null, selfCheck: null });
  });
});

describe('goalHistory', () => {
  const goals = (northStar: string, shortTermGoals = '') => ({ northStar, shortTermGoals });

  it('tells when a goal was set, reviewed, changed and met, in visit order', () => {
    const visits = [
      finished('v3', 28, { goals: goals('Stand 30 minutes, pain free'), goalReview: { northStar: 'reviewed' } }),
      finished('v1', 0, { goals: goals('Stand 30 minutes') }),
      finished('v2', 14, { goals: goals('Stand 30 minutes'), goalReview: { northStar: 'reviewed' } }),
      finished('v4', 42, { goals: goals('Stand 30 minutes, pain free'), goalReview: { northStar: 'met' } }),
    ];
    expect(goalHistory(visits.map(indexEntry), 'p1', 'northStar').map(({ visitId, event, text }) => [visitId, event, text])).toEqual([
      ['v1', 'set', 'Stand 30 minutes'],
      ['v2', 'reviewed', undefined],
      ['v3', 'reviewed', undefined],
      ['v3', 'changed', 'Stand 30 minutes, pain free'],
      ['v4', 'met', undefined],
    ]);
  });

  it('keeps a goal through visits that ended without a snapshot, and ignores other patients and open visits', () => {
    const visits = [
      finished('v1', 0, { goals: goals('', 'Exercises 5x a week') }),
      finished('v2', 7),
      finished('v3', 14, { goals: goals('', 'Exercises 5x a week') }),
      { ...finished('v4', 21, { goals: goals('', 'Walk daily') }), endedAt: null },
      { ...finished('v5', 21, { goals: goals('', 'Swim') }), patientId: 'p2' },
    ];
    expect(goalHistory(visits.map(indexEntry), 'p1', 'shortTermGoals')).toEqual([{ at: T0 + 30 * 60_000, visitId: 'v1', event: 'set', text: 'Exercises 5x a week' }]);
    expect(goalHistory(visits.map(indexEntry), 'p1', 'northStar')).toEqual([]);
  });
});
