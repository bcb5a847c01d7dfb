import type { Visit } from './model';
import { lastTalkAt } from './talk';

/** An open visit with nothing recorded for this long was left from an earlier session. */
export const UNFINISHED_AFTER_MS = 3 * 60 * 60 * 1000;

/** When the visit last recorded anything: created, started, a tick, or talk. */
export function lastActivityAt(visit: Visit): number {
  return Math.max(visit.createdAt, visit.startedAt ?? 0, ...Object.values(visit.checked), lastTalkAt(visit.talk) ?? 0);
}

/**
 * The moment an open visit stopped, when it was left unfinished (the browser closed or crashed
 * and the therapist came back later); null for a visit still under way or already ended.
 */
export function unfinishedSince(visit: Visit, now: number): number | null {
  if (visit.endedAt !== null) return null;
  const last = lastActivityAt(visit);
  return now - last > UNFINISHED_AFTER_MS ? last : null;
}
