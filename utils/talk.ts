import type { Speaker, TalkLog, TalkSegment } from './model';

/**
 * Talk time as events. Manual buttons and (later) the audio detector both produce these, so the
 * totals, share and opening statement never care where an event came from.
 */
export type TalkEvent =
  | {
      type: 'speech';
      speaker: Speaker;
      speaking: boolean;
      at: number;
      source: TalkSegment['source'];
      /** Reported once it had ended, under the backchannel limit ("mm-hm"): it does not take the floor. */
      short?: boolean;
    }
  | { type: 'opening'; running: boolean; at: number };

export function applyTalkEvent(log: TalkLog, event: TalkEvent): TalkLog {
  if (event.type === 'opening') {
    const { opening } = log;
    if (event.running) return { ...log, opening: { startedAt: event.at, endedAt: null } };
    if (opening.startedAt === null || opening.endedAt !== null) return log;
    return { ...log, opening: { ...opening, endedAt: Math.max(event.at, opening.startedAt) } };
  }
  const open = log.segments.findIndex((s) => s.speaker === event.speaker && s.end === null);
  if (event.speaking) {
    if (open !== -1) return log;
    const segments = [...log.segments, { speaker: event.speaker, start: event.at, end: null, source: event.source }];
    // The opening statement ends when the therapist takes the floor; a backchannel does not.
    const takesFloor = event.speaker === 'therapist' && !event.short && isOpeningRunning(log);
    const opening = takesFloor ? { ...log.opening, endedAt: Math.max(event.at, log.opening.startedAt ?? event.at) } : log.opening;
    return { segments, opening };
  }
  if (open === -1) return log;
  const segments = log.segments.map((s, i) => (i === open ? { ...s, end: Math.max(event.at, s.start) } : s));
  return { ...log, segments };
}

export function isOpeningRunning(log: TalkLog): boolean {
  return log.opening.startedAt !== null && log.opening.endedAt === null;
}

export function currentSpeakers(log: TalkLog): Set<Speaker> {
  return new Set(log.segments.filter((s) => s.end === null).map((s) => s.speaker));
}

/** The manual "X is talking" button: that side has the floor, the other side stops. */
export function floorEvents(speaker: Speaker, at: number): TalkEvent[] {
  const other: Speaker = speaker === 'patient' ? 'therapist' : 'patient';
  return [
    { type: 'speech', speaker: other, speaking: false, at, source: 'manual' },
    { type: 'speech', speaker, speaking: true, at, source: 'manual' },
  ];
}

export interface TalkTotals {
  patientMs: number;
  therapistMs: number;
  /** The therapist's share of all talk, 0-1; null before anyone has talked. */
  therapistShare: number | null;
}

export function talkTotals(log: TalkLog, now: number): TalkTotals {
  let patientMs = 0;
  let therapistMs = 0;
  for (const segment of log.segments) {
    const length = Math.max(0, (segment.end ?? now) - segment.start);
    if (segment.speaker === 'patient') patientMs += length;
    else therapistMs += length;
  }
  const total = patientMs + therapistMs;
  return { patientMs, therapistMs, therapistShare: total > 0 ? therapistMs / total : null };
}

/** The latest moment the log records anything happening. */
export function lastTalkAt(log: TalkLog): number | null {
  const times = log.segments.flatMap((s) => (s.end === null ? [s.start] : [s.start, s.end]));
  for (const t of [log.opening.startedAt, log.opening.endedAt]) if (t !== null) times.push(t);
  return times.length > 0 ? Math.max(...times) : null;
}

export function openingMs(log: TalkLog, now: number): number | null {
  const { startedAt, endedAt } = log.opening;
  return startedAt === null ? null : Math.max(0, (endedAt ?? now) - startedAt);
}

/** Pressing a side's button gives them the floor; pressing it again while they talk means silence. */
export function toggleFloor(log: TalkLog, speaker: Speaker, at: number): TalkEvent[] {
  if (currentSpeakers(log).has(speaker)) return [{ type: 'speech', speaker, speaking: false, at, source: 'manual' }];
  return floorEvents(speaker, at);
}

/** The opening timer's button or shortcut: inviting the story gives the patient the floor; stopping only stops the timer. */
export function toggleOpening(log: TalkLog, at: number): TalkEvent[] {
  return isOpeningRunning(log) ? [{ type: 'opening', running: false, at }] : [{ type: 'opening', running: true, at }, ...floorEvents('patient', at)];
}
