import type { Visit, VisitIndexEntry } from './model';
import { defaultProtocol } from './protocol';
import { practiceCount as countPractices } from './protocols';
import { openingMs, talkTotals } from './talk';

export interface HistoryRow {
  visitId: string;
  startedAt: number;
  durationMs: number;
  /** Share of the protocol's practices ticked, 0-1. */
  coverage: number;
  therapistShare: number | null;
  openingMs: number | null;
  /** The therapist's self-check after the visit, averaged, 1-5; null when skipped. */
  selfCheck: number | null;
}

/** What visits from before protocols could be edited were counted against. */
const defaultPracticeCount = countPractices(defaultProtocol);

function average(values: number[]): number | null {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

/** A visit's line in the index, written with the visit by the background. */
export function indexEntry(visit: Visit): VisitIndexEntry {
  const at = visit.endedAt ?? visit.startedAt ?? visit.createdAt;
  return {
    id: visit.id,
    patientId: visit.patientId,
    meetingKey: visit.meetingKey,
    createdAt: visit.createdAt,
    startedAt: visit.startedAt,
    endedAt: visit.endedAt,
    // A finished visit counts against the checklist it kept; ticks of practices removed from it during the visit do not count.
    practicesDone: visit.protocolUsed ? visit.protocolUsed.sections.flatMap((section) => section.items).filter((item) => item.id in visit.checked).length : Object.keys(visit.checked).length,
    ...(visit.protocolUsed && { practicesTotal: countPractices(visit.protocolUsed.sections) }),
    therapistShare: talkTotals(visit.talk, at).therapistShare,
    openingMs: openingMs(visit.talk, at),
    selfCheck: average(Object.values(visit.selfCheck)),
    goals: visit.goals,
    goalReview: visit.goalReview,
  };
}

/** A patient's finished visits, oldest first: the figures the history list and charts show. */
export function visitHistory(entries: Iterable<VisitIndexEntry>, patientId: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entry of entries) {
    if (entry.patientId !== patientId || entry.endedAt === null) continue;
    const startedAt = entry.startedAt ?? entry.endedAt;
    rows.push({
      visitId: entry.id,
      startedAt,
      durationMs: Math.max(0, entry.endedAt - startedAt),
      coverage: entry.practicesDone / Math.max(1, entry.practicesTotal ?? defaultPracticeCount),
      therapistShare: entry.therapistShare,
      openingMs: entry.openingMs,
      selfCheck: entry.selfCheck,
    });
  }
  return rows.sort((a, b) => a.startedAt - b.startedAt);
}
