import type { SpeechTransition } from './audio/talk-analyser.ts';
import { voiceDetectorDefaults } from './audio/voice-detector.ts';
import { conversationDefaults } from './conversation.ts';
import type { Speaker } from './model';
import type { TalkEvent } from './talk.ts';

/**
 * Turns the detector's speech changes into talk events for the visit, live. The patient's speech
 * is reported as it comes. The therapist's is held until it is longer than a backchannel: a short
 * "mm-hm" is reported once it ended, marked short, so it never ends the opening statement; a longer
 * turn is reported from its real start as soon as it is sure to be past the limit. Times are stream
 * ms; `toWall` maps them to the clock the visit uses.
 */
export function createLiveTalkReporter(options: {
  toWall(streamMs: number): number;
  backchannelMaxMs?: number;
  /** How long after speech ends the detector reports the end (its hangover; the end is dated back). */
  stopDelayMs?: number;
}) {
  const backchannelMaxMs = options.backchannelMaxMs ?? conversationDefaults.backchannelMaxMs;
  // Until the stream is this far past its start, an utterance may still turn out to have ended
  // under the limit: its end only arrives a hangover later.
  const holdMs = backchannelMaxMs + (options.stopDelayMs ?? voiceDetectorDefaults.hangoverMs);
  let heldStart: number | null = null;
  let therapistReported = false;

  const speech = (speaker: Speaker, speaking: boolean, streamMs: number, short?: true): TalkEvent => ({
    type: 'speech',
    speaker,
    speaking,
    at: Math.round(options.toWall(streamMs)),
    source: 'auto',
    ...(short ? { short } : {}),
  });

  return {
    /** The changes the detector made certain, and how far the stream has been analysed. */
    accept(transitions: SpeechTransition[], streamMs: number): TalkEvent[] {
      const events: TalkEvent[] = [];
      for (const change of transitions) {
        if (change.speaker === 'patient') events.push(speech('patient', change.speaking, change.atMs));
        else if (change.speaking) heldStart = change.atMs;
        else if (heldStart !== null) {
          const short = change.atMs - heldStart < backchannelMaxMs ? true : undefined;
          events.push(speech('therapist', true, heldStart, short), speech('therapist', false, change.atMs));
          heldStart = null;
        } else if (therapistReported) {
          events.push(speech('therapist', false, change.atMs));
          therapistReported = false;
        }
      }
      if (heldStart !== null && streamMs - heldStart > holdMs) {
        events.push(speech('therapist', true, heldStart));
        heldStart = null;
        therapistReported = true;
      }
      return events;
    },
  };
}
