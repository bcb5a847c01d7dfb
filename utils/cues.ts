import * as v from 'valibot';
import { i18n } from '#i18n';
import type { TalkLog } from './model';
import { isOpeningRunning } from './talk';

/**
 * The live cue: at most one short line at a time, because one cue helps where a dense live
 * dashboard distracts (Chollet et al. 2022, ../shared/domain.md); the detail goes to the summary.
 * Each cue can be switched off, and its threshold is a setting.
 */
export const CueSettingsSchema = v.object({
  keepListening: v.boolean(),
  pauseBeforeAnswering: v.boolean(),
  checkIn: v.boolean(),
  /** Answers quicker than this get "pause before answering": top performers pause 1-1.5 s, average ones 0.3 s (Gong). */
  quickAnswerMs: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(3_000)),
  /**
   * "Check in with them" after the therapist has talked this long without a break. Rapport's own
   * default, not a published figure: about a minute of explaining is a natural point for teach-back.
   */
  monologueMs: v.pipe(v.number(), v.integer(), v.minValue(15_000), v.maxValue(600_000)),
});
export type CueSettings = v.InferOutput<typeof CueSettingsSchema>;

export const cueDefaults: CueSettings = {
  keepListening: true,
  pauseBeforeAnswering: true,
  checkIn: true,
  quickAnswerMs: 500,
  monologueMs: 60_000,
};

export type CueId = 'keepListening' | 'pauseBeforeAnswering' | 'checkIn';

const cueMessages = {
  keepListening: 'cues.keepListening',
  checkIn: 'cues.checkIn',
  pauseBeforeAnswering: 'cues.pauseBeforeAnswering',
} as const satisfies Record<CueId, string>;

export const cueText = (id: CueId): string => i18n.t(cueMessages[id]);

/** A quick answer stays on screen this long after the therapist started talking. */
const QUICK_ANSWER_SHOWN_MS = 8_000;

/**
 * The one cue after the opening statement, most important first; null when nothing needs saying.
 * While the opening statement runs, its timer gives the cue ("keep listening", with the 18 s and
 * 90-150 s marks), so nothing else may speak then.
 */
export function currentCue(log: TalkLog, now: number, settings: CueSettings): Exclude<CueId, 'keepListening'> | null {
  if (isOpeningRunning(log)) return null;
  const therapistTalking = log.segments.findLast((segment) => segment.speaker === 'therapist' && segment.end === null);
  if (settings.checkIn && therapistTalking && now - therapistTalking.start >= settings.monologueMs) return 'checkIn';
  // Pauses are only measured from call audio: button presses say nothing about them.
  if (settings.pauseBeforeAnswering && therapistTalking?.source === 'auto' && now - therapistTalking.start < QUICK_ANSWER_SHOWN_MS) {
    const patientBefore = log.segments.findLast((segment) => segment.speaker === 'patient' && segment.start < therapistTalking.start);
    const pause = patientBefore ? therapistTalking.start - (patientBefore.end ?? now) : null;
    // Starting while the patient still talks is quick too (and counted as an interruption).
    if (pause !== null && pause < settings.quickAnswerMs) return 'pauseBeforeAnswering';
  }
  return null;
}
