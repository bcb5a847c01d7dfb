// The talk-time fixtures (tests/fixtures/audio, made by scripts/make-talk-fixtures.ts) and how a
// detector's segments are scored against their truth; shared by the tests and scripts/bench-vad.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Speaker } from '../../utils/model';
import type { Interval } from '../../utils/audio/talk-analyser.ts';
import type { ConversationMetrics } from '../../utils/conversation.ts';
import { parseWav, type MonoAudio } from '../../utils/audio/wav.ts';

export const fixturesDir = resolve(import.meta.dirname, '../fixtures/audio');
const SCORE_FRAME_MS = 10;
const speakers: Speaker[] = ['therapist', 'patient'];

export type Segments = Record<Speaker, Interval[]>;

export interface Scenario {
  name: string;
  tracks: Record<Speaker, MonoAudio>;
  truth: Record<Speaker, Interval[]>;
  durationMs: number;
  expected: ConversationMetrics;
}

export function loadScenarios(): Scenario[] {
  return readdirSync(fixturesDir)
    .filter((name) => existsSync(join(fixturesDir, name, 'truth.json')))
    .sort()
    .map((name) => {
      const folder = join(fixturesDir, name);
      const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) as {
        durationMs: number;
        segments: Segments;
        expected: ConversationMetrics;
      };
      const wav = (speaker: Speaker) => parseWav(readFileSync(join(folder, `${speaker}.wav`)));
      return { name, tracks: { therapist: wav('therapist'), patient: wav('patient') }, truth: truth.segments, durationMs: truth.durationMs, expected: truth.expected };
    });
}

// ---------------------------------------------------------------------------------------------
// Scoring

function frameMask(intervals: Interval[], durationMs: number): Uint8Array {
  const mask = new Uint8Array(Math.ceil(durationMs / SCORE_FRAME_MS));
  for (const { startMs, endMs } of intervals) {
    for (let f = Math.floor(startMs / SCORE_FRAME_MS); f < Math.min(mask.length, Math.ceil(endMs / SCORE_FRAME_MS)); f++) {
      // A frame counts as speech when its middle is inside the interval.
      const middle = (f + 0.5) * SCORE_FRAME_MS;
      if (middle >= startMs && middle < endMs) mask[f] = 1;
    }
  }
  return mask;
}

export interface Score {
  accuracy: number;
  recall: number;
  falseSpeech: number;
}

/** Frame accuracy, share of true speech frames found, share of true silence frames called speech. */
export function scoreSegments(found: Segments, truth: Segments, durationMs: number): Score {
  let agree = 0;
  let speech = 0;
  let hits = 0;
  let silence = 0;
  let falseAlarms = 0;
  for (const speaker of speakers) {
    const expected = frameMask(truth[speaker], durationMs);
    const detected = frameMask(found[speaker], durationMs);
    expected.forEach((isSpeech, f) => {
      const said = detected[f] === 1;
      if (said === (isSpeech === 1)) agree++;
      if (isSpeech) {
        speech++;
        if (said) hits++;
      } else {
        silence++;
        if (said) falseAlarms++;
      }
    });
  }
  return {
    accuracy: agree / (speech + silence),
    recall: speech > 0 ? hits / speech : 1,
    falseSpeech: silence > 0 ? falseAlarms / silence : 0,
  };
}

