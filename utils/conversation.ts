/**
 * What a conversation's talk segments say about listening: talk share, the opening statement,
 * interruptions versus backchannels, turn lengths and the pause before the therapist answers.
 * Pure functions over `{ speaker, start, end }` in ms, so manual button segments and the audio
 * detector's segments give the same numbers.
 */
import type { Speaker } from './model';

export interface SpeechSegment {
  speaker: Speaker;
  start: number;
  /** null while still open: counted up to `now`. */
  end: number | null;
}

export const conversationDefaults = {
  /**
   * A short utterance ("mm-hm", "right") while the other person keeps talking is active listening,
   * not taking the floor: backchannels are under about 1 s (Mulder-Vos et al. 2023, BMJ Open, where
   * two thirds of naive "interruptions" were such backchannels).
   */
  backchannelMaxMs: 1000,
  /**
   * Same-speaker speech separated by less than this is one turn. Pauses inside a turn are mostly
   * well under a second (Heldner & Edlund 2010, J Phonetics 38:555); this is also the window in
   * which a speaker who paused still holds the floor.
   */
  turnGapMs: 1500,
  /**
   * Starting this close to the end of the other person's speech is taking the next turn, not
   * interrupting: conversational turn transitions often overlap the last syllable by up to ~200 ms
   * (Heldner & Edlund 2010).
   */
  overlapToleranceMs: 200,
  /**
   * A longer silence before the therapist speaks is not a pause before answering (an exercise, a
   * note being typed). Top performers pause about 1-1.5 s, average ones 0.3 s (Gong call analyses).
   */
  maxResponsePauseMs: 5000,
};

export type ConversationSettings = typeof conversationDefaults;

export interface ConversationOptions extends Partial<ConversationSettings> {
  /** Where open segments end; defaults to the latest time any segment mentions. */
  now?: number;
  /** When the opening question was asked; the opening statement starts at the patient's first words after it. */
  openingStartedAt?: number | null;
}

export interface TalkShare {
  therapistMs: number;
  patientMs: number;
  /** The therapist's share of all talk, 0-1; null when nobody talked. */
  therapistShare: number | null;
}

export interface ConversationMetrics extends TalkShare {
  /** From the patient's first words until the therapist takes the floor (or now); null if the patient never spoke. */
  openingStatementMs: number | null;
  /** The therapist taking the floor while the patient was speaking. */
  interruptions: number;
  /** Short therapist utterances while the patient keeps the floor (active listening). */
  backchannels: number;
  longestPatientTurnMs: number;
  longestTherapistTurnMs: number;
  /** Median pause between the end of a patient turn and the therapist's next turn; null if none. */
  medianResponsePauseMs: number | null;
}

interface Span {
  speaker: Speaker;
  start: number;
  end: number;
}

type Role = 'turn' | 'backchannel' | 'interruption';

const other = (speaker: Speaker): Speaker => (speaker === 'patient' ? 'therapist' : 'patient');

function closeSegments(segments: readonly SpeechSegment[], now: number | undefined): Span[] {
  const latest = Math.max(-Infinity, ...segments.flatMap((s) => (s.end === null ? [s.start] : [s.start, s.end])));
  const closeAt = now ?? latest;
  return segments
    .map((s) => ({ speaker: s.speaker, start: s.start, end: s.end ?? Math.max(s.start, closeAt) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Total time covered by the spans (overlapping spans of one speaker count once). */
function coveredMs(spans: readonly Span[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.end <= reach) continue;
    total += span.end - Math.max(span.start, reach);
    reach = span.end;
  }
  return total;
}

function share(spans: readonly Span[]): TalkShare {
  const therapistMs = coveredMs(spans.filter((s) => s.speaker === 'therapist'));
  const patientMs = coveredMs(spans.filter((s) => s.speaker === 'patient'));
  const total = therapistMs + patientMs;
  return { therapistMs, patientMs, therapistShare: total > 0 ? therapistMs / total : null };
}

const speaksDuring = (spans: readonly Span[], speaker: Speaker, from: number, to: number): boolean =>
  spans.some((s) => s.speaker === speaker && s.start <= to && s.end >= from);

/**
 * A segment is a backchannel when it is short and the other person holds the floor around it (spoke
 * within a turn gap before and goes on within a turn gap after); an interruption when it starts while
 * the other person is speaking (and goes on past the overlap tolerance) and is not a backchannel; a
 * turn otherwise. Both speakers are classified, so a patient's "mm-hm" does not split a therapist's turn.
 */
function classify(spans: readonly Span[], settings: ConversationSettings): Role[] {
  return spans.map((span) => {
    const listener = other(span.speaker);
    const isBackchannel =
      span.end - span.start < settings.backchannelMaxMs &&
      speaksDuring(spans, listener, span.start - settings.turnGapMs, span.start) &&
      speaksDuring(spans, listener, span.end, span.end + settings.turnGapMs);
    if (isBackchannel) return 'backchannel';
    const overlapsListener = spans.some(
      (s) => s.speaker === listener && s.start < span.start && s.end > span.start + settings.overlapToleranceMs,
    );
    return overlapsListener ? 'interruption' : 'turn';
  });
}

/** Merges one speaker's floor-taking segments into turns, unless the other person took a turn in between. */
function turnsOf(spans: readonly Span[], roles: readonly Role[], speaker: Speaker, turnGapMs: number): Span[] {
  const floorTakers = spans.filter((_, i) => roles[i] !== 'backchannel');
  const turns: Span[] = [];
  for (const span of floorTakers.filter((s) => s.speaker === speaker)) {
    const last = turns.at(-1);
    const otherTookTurn =
      last !== undefined && floorTakers.some((s) => s.speaker !== speaker && s.start > last.end && s.start < span.start);
    if (last && span.start - last.end < turnGapMs && !otherTookTurn) last.end = Math.max(last.end, span.end);
    else turns.push({ ...span });
  }
  return turns;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Pause before answering: for each patient turn followed by a therapist turn (and not by more patient
 * talk), the silence between them. Overlaps (the therapist started before the patient finished) are
 * interruptions or latching, not pauses, and are left out; so are silences over `maxResponsePauseMs`.
 */
function responsePauses(patientTurns: Span[], therapistTurns: Span[], maxPauseMs: number): number[] {
  const pauses: number[] = [];
  patientTurns.forEach((turn, i) => {
    const next = therapistTurns.find((t) => t.start > turn.start);
    const nextPatient = patientTurns[i + 1];
    if (!next || (nextPatient && nextPatient.start < next.start)) return;
    const pause = next.start - turn.end;
    if (pause >= 0 && pause <= maxPauseMs) pauses.push(pause);
  });
  return pauses;
}

function openingStatement(
  spans: readonly Span[],
  roles: readonly Role[],
  openingStartedAt: number | null | undefined,
  now: number,
): number | null {
  const since = openingStartedAt ?? -Infinity;
  const firstWords = spans.find((s) => s.speaker === 'patient' && s.end > since);
  if (!firstWords) return null;
  const start = Math.max(firstWords.start, since);
  const floorTaken = spans.find((s, i) => s.speaker === 'therapist' && s.start > start && roles[i] !== 'backchannel');
  return Math.max(0, (floorTaken?.start ?? now) - start);
}

export function conversationMetrics(
  segments: readonly SpeechSegment[],
  options: ConversationOptions = {},
): ConversationMetrics {
  const { now, openingStartedAt, ...overrides } = options;
  const settings: ConversationSettings = { ...conversationDefaults, ...overrides };
  const spans = closeSegments(segments, now);
  const roles = classify(spans, settings);
  const therapistRoles = roles.filter((_, i) => spans[i]!.speaker === 'therapist');
  const patientTurns = turnsOf(spans, roles, 'patient', settings.turnGapMs);
  const therapistTurns = turnsOf(spans, roles, 'therapist', settings.turnGapMs);
  const longest = (turns: Span[]) => Math.max(0, ...turns.map((t) => t.end - t.start));
  const end = now ?? Math.max(-Infinity, ...spans.map((s) => s.end));
  return {
    ...share(spans),
    openingStatementMs: openingStatement(spans, roles, openingStartedAt, end),
    interruptions: therapistRoles.filter((r) => r === 'interruption').length,
    backchannels: therapistRoles.filter((r) => r === 'backchannel').length,
    longestPatientTurnMs: longest(patientTurns),
    longestTherapistTurnMs: longest(therapistTurns),
    medianResponsePauseMs: median(responsePauses(patientTurns, therapistTurns, settings.maxResponsePauseMs)),
  };
}

/** Talk time and share inside a time window (a checklist section, the last five minutes). */
export function shareBetween(segments: readonly SpeechSegment[], fromMs: number, toMs: number, now?: number): TalkShare {
  const clipped = closeSegments(segments, now)
    .map((s) => ({ ...s, start: Math.max(s.start, fromMs), end: Math.min(s.end, toMs) }))
    .filter((s) => s.end > s.start);
  return share(clipped);
}
