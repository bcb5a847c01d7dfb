import { describe, expect, it } from 'vitest';
import { newVisit, type Visit } from '@/utils/model';
import { lastActivityAt, UNFINISHED_AFTER_MS, unfinishedSince } from '@/utils/recovery';

const T0 = Date.UTC(2026, 10, 21, 15);

function openVisit(changes: Partial<Visit> = {}): Visit {
  return { ...newVisit('v1', 'meet:abc-defg-hij', 'p1', T0), startedAt: T0 + 1_000, ...changes };
}

describe('lastActivityAt', () => {
  it('is the latest of creation, start, ticks and talk', () => {
    expect(lastActivityAt(openVisit())).toBe(T0 + 1_000);
    expect(lastActivityAt(openVisit({ checked: { a: T0 + 5_000, b: T0 + 3_000 } }))).toBe(T0 + 5_000);
    const talk: Visit['talk'] = { segments: [{ speaker: 'patient', start: T0 + 6_000, end: T0 + 9_000, source: 'manual' }], opening: { startedAt: null, endedAt: null } };
    expect(lastActivityAt(openVisit({ checked: { a: T0 + 5_000 }, talk }))).toBe(T0 + 9_000);
  });
});

describe('unfinishedSince: recovering a visit left open', () => {
  it('is null while the visit is under way, or only briefly left (a reload, a crash and restart)', () => {
    const visit = openVisit({ checked: { a: T0 + 60_000 } });
    expect(unfinishedSince(visit, T0 + 60_000 + 10 * 60_000)).toBeNull();
    expect(unfinishedSince(visit, T0 + 60_000 + UNFINISHED_AFTER_MS)).toBeNull();
  });

  it('gives the last recorded moment once the visit has been left for hours', () => {
    const visit = openVisit({ checked: { a: T0 + 60_000 } });
    expect(unfinishedSince(visit, T0 + 60_000 + UNFINISHED_AFTER_MS + 1)).toBe(T0 + 60_000);
  });

  it('is null for a visit that ended', () => {
    expect(unfinishedSince(openVisit({ endedAt: T0 + 2_000 }), T0 + 10 * UNFINISHED_AFTER_MS)).toBeNull();
  });
});
