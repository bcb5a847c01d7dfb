import { describe, expect, it } from 'vitest';
import { cueDefaults, currentCue } from '@/utils/cues';
import type { TalkLog, TalkSegment } from '@/utils/model';

const s = 1000;
const log = (segments: TalkSegment[], opening: TalkLog['opening'] = { startedAt: null, endedAt: null }): TalkLog => ({ segments, opening });
const auto = (speaker: TalkSegment['speaker'], start: number, end: number | null): TalkSegment => ({ speaker, start, end, source: 'auto' });

describe('the one live cue', () => {
  it('says nothing when nobody needs a nudge', () => {
    expect(currentCue(log([]), 0, cueDefaults)).toBeNull();
    expect(currentCue(log([auto('patient', 0, null)]), 30 * s, cueDefaults)).toBeNull();
  });

  it('leaves the opening statement to its own timer: no other cue while it runs', () => {
    const opening = log([auto('patient', 0, 10 * s), auto('therapist', 10.1 * s, null)], { startedAt: 0, endedAt: null });
    expect(currentCue(opening, 12 * s, cueDefaults)).toBeNull();
    expect(currentCue(opening, 80 * s, cueDefaults)).toBeNull();
  });

  it('asks to pause when the therapist answers quicker than the threshold, for a few seconds', () => {
    const quick = log([auto('patient', 0, 10 * s), auto('therapist', 10.2 * s, null)]);
    expect(currentCue(quick, 12 * s, cueDefaults)).toBe('pauseBeforeAnswering');
    expect(currentCue(quick, 19 * s, cueDefaults)).toBeNull();
    const patient = log([auto('patient', 0, 10 * s), auto('therapist', 11.5 * s, null)]);
    expect(currentCue(patient, 12 * s, cueDefaults)).toBeNull();
    expect(currentCue(quick, 12 * s, { ...cueDefaults, quickAnswerMs: 100 })).toBeNull();
  });

  it('never judges pauses from button presses', () => {
    const pressed = log([
      { speaker: 'patient', start: 0, end: 10 * s, source: 'manual' },
      { speaker: 'therapist', start: 10 * s, end: null, source: 'manual' },
    ]);
    expect(currentCue(pressed, 12 * s, cueDefaults)).toBeNull();
  });

  it('suggests checking in after a long monologue, and only one cue at a time', () => {
    const monologue = log([auto('patient', 0, 10 * s), auto('therapist', 10.1 * s, null)]);
    expect(currentCue(monologue, 75 * s, cueDefaults)).toBe('checkIn');
    expect(currentCue(monologue, 75 * s, { ...cueDefaults, checkIn: false })).toBeNull();
    expect(currentCue(monologue, 40 * s, { ...cueDefaults, monologueMs: 20_000 })).toBe('checkIn');
  });
});
