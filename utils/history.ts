import type { Visit } from './model';
import { defaultProtocol } from './protocol';
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

const practiceCount = defaultProtocol.reduce((sum, section) => sum + section.items.length, 0);

function average(values: number[]): number | null {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

/** A patient's finished visits, oldest first: the figures the history list and charts show. */
export function visitHistory(visits: Iterable<Visit>, patientId: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const visit of visits) {
    if (visit.patientId !== patientId || visit.endedAt === null) continue;
    const startedAt = visit.startedAt ?? visit.endedAt;
    const talk = talkTotals(visit.talk, visit.endedAt);
    rows.push({
      visitId: visit.id,
      startedAt,
      durationMs: Math.max(0, visit.endedAt - startedAt),
      coverage: Object.keys(visit.checked).length / practiceCount,
      therapistShare: talk.therapistShare,
      openingMs: openingMs(visit.talk, visit.endedAt),
      selfCheck: average(Object.values(visit.selfCheck)),
    });
  }
  return rows.sort((a, b) => a.startedAt - b.startedAt);
}
