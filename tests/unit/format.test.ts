import { describe, expect, it } from 'vitest';
import { formatClock, spokenDuration } from '@/utils/format';

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [7_000, '0:07'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [723_000, '12:03'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_723_000, '1:02:03'],
    [36_000_000, '10:00:00'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it.each([-1, -1_000, -3_600_000])('shows a negative duration (%i ms) as 0:00', (ms) => {
    expect(formatClock(ms)).toBe('0:00');
  });
});

describe('spokenDuration', () => {
  it.each([
    [0, '0 seconds'],
    [999, '0 seconds'],
    [1_000, '1 second'],
    [2_000, '2 seconds'],
    [59_999, '59 seconds'],
    [60_000, '1 minute'],
    [61_000, '1 minute 1 second'],
    [723_000, '12 minutes 3 seconds'],
    [3_600_000, '1 hour'],
    [3_600_999, '1 hour'],
    [3_660_000, '1 hour 1 minute'],
    [3_723_000, '1 hour 2 minutes 3 seconds'],
    [7_201_000, '2 hours 1 second'],
  ])('says %i ms as "%s"', (ms, text) => {
    expect(spokenDuration(ms)).toBe(text);
  });

  it.each([-1, -60_000])('says a negative duration (%i ms) as "0 seconds"', (ms) => {
    expect(spokenDuration(ms)).toBe('0 seconds');
  });
});
