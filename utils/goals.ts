import type { GoalKind, VisitIndexEntry } from './model';

export interface GoalEvent {
  at: number;
  visitId: string;
  event: 'set' | 'changed' | 'reviewed' | 'met';
  /** The goal's words when it was set or changed. */
  text?: string;
}

/**
 * A goal's story across a patient's finished visits: set, reviewed, met or changed. It is told from
 * each visit's snapshot of the goal at its end and what the therapist marked during the visit.
 */
export function goalHistory(visits: Iterable<VisitIndexEntry>, patientId: string, goal: GoalKind): GoalEvent[] {
  const finished = [...visits]
    .filter((visit) => visit.patientId === patientId && visit.endedAt !== null)
    .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
  const events: GoalEvent[] = [];
  let current = '';
  for (const visit of finished) {
    const at = visit.endedAt ?? 0;
    const review = visit.goalReview[goal];
    if (review) events.push({ at, visitId: visit.id, event: review });
    const text = visit.goals?.[goal].trim() ?? current;
    if (text && text !== current) events.push({ at, visitId: visit.id, event: current ? 'changed' : 'set', text });
    current = text;
  }
  return events;
}
