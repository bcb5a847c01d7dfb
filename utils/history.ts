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
}

const practiceCount = defaultProtocol.reduce((sum, section) => sum + section.items.length, 0);

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
    });
  }
  return rows.sort((a, b) => a.startedAt - b.startedAt);
}
