import * as v from 'valibot';
import type { Patient } from './model';

/**
 * The patient directory: one small line per patient (name and visit figures), all the options
 * page needs to list every patient, so it never reads the patients' notes or the visit index to
 * open. The background writes it in the same storage call as the patients and visits it follows.
 */
export interface DirectoryEntry {
  preferredName: string;
  /** Finished visits with this patient. */
  visits: number;
  /** When the latest finished visit ended (epoch ms); null before the first one. */
  lastVisitAt: number | null;
}

function isDirectoryEntry(input: unknown): input is DirectoryEntry {
  if (typeof input !== 'object' || input === null) return false;
  const { preferredName, visits, lastVisitAt } = input as Record<string, unknown>;
  return typeof preferredName === 'string' && typeof visits === 'number' && (lastVisitAt === null || typeof lastVisitAt === 'number');
}

/**
 * Checked with one plain function rather than an object schema: the options page validates every
 * line before its first paint, and this keeps that to a fraction of a millisecond for thousands.
 */
export const DirectoryEntrySchema = v.custom<DirectoryEntry>(isDirectoryEntry, 'not a patient directory entry');

export interface VisitStats {
  visits: number;
  lastVisitAt: number | null;
}

export const noVisits: VisitStats = { visits: 0, lastVisitAt: null };

/** What a visit index line must hold to count: read defensively, so raw stored lines can be passed. */
function finishedVisitOf(line: unknown): { patientId: string; endedAt: number } | null {
  if (typeof line !== 'object' || line === null) return null;
  const { patientId, endedAt } = line as { patientId?: unknown; endedAt?: unknown };
  return typeof patientId === 'string' && typeof endedAt === 'number' ? { patientId, endedAt } : null;
}

/** Each patient's finished visits, from the visit index's lines (validated or as stored). */
export function visitStats(lines: Iterable<unknown>): Map<string, VisitStats> {
  const stats = new Map<string, VisitStats>();
  for (const line of lines) {
    const visit = finishedVisitOf(line);
    if (!visit) continue;
    const current = stats.get(visit.patientId) ?? noVisits;
    stats.set(visit.patientId, {
      visits: current.visits + 1,
      lastVisitAt: current.lastVisitAt === null ? visit.endedAt : Math.max(current.lastVisitAt, visit.endedAt),
    });
  }
  return stats;
}

/** A patient's line in the directory: the one derivation, used by the background and as a fallback by pages. */
export function directoryEntry(patient: Patient, stats: VisitStats = noVisits): DirectoryEntry {
  return { preferredName: patient.notes.preferredName, visits: stats.visits, lastVisitAt: stats.lastVisitAt };
}

/** The whole directory, derived from the patients and the visit index. */
export function patientDirectory(patients: Record<string, Patient>, indexLines: Iterable<unknown>): Record<string, DirectoryEntry> {
  const stats = visitStats(indexLines);
  const directory: Record<string, DirectoryEntry> = {};
  for (const [id, patient] of Object.entries(patients)) directory[id] = directoryEntry(patient, stats.get(id));
  return directory;
}

export function sameEntry(a: DirectoryEntry | undefined, b: DirectoryEntry | undefined): boolean {
  if (!a || !b) return a === b;
  return a.preferredName === b.preferredName && a.visits === b.visits && a.lastVisitAt === b.lastVisitAt;
}

export interface DirectoryRow extends DirectoryEntry {
  id: string;
}

const collator = new Intl.Collator();
const byName = (a: DirectoryEntry, b: DirectoryEntry) => collator.compare(a.preferredName, b.preferredName);

/** The directory as a list, by name (the order the options page shows). */
export function sortedDirectory(directory: Record<string, DirectoryEntry>): DirectoryRow[] {
  const rows: DirectoryRow[] = [];
  for (const id in directory) rows.push({ id, ...directory[id]! });
  return rows.sort(byName);
}

/**
 * The first `count` rows of `sortedDirectory`, in the same order (ties as listed), picked without
 * sorting them all: the options page's first page, a few times cheaper than the sort for thousands.
 */
export function firstByName(directory: Record<string, DirectoryEntry>, count: number): DirectoryRow[] {
  const first: DirectoryRow[] = [];
  if (count < 1) return first;
  for (const id in directory) {
    const entry = directory[id]!;
    if (first.length === count && byName(entry, first[count - 1]!) >= 0) continue;
    let low = 0;
    let high = first.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byName(first[middle]!, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    first.splice(low, 0, { id, ...entry });
    if (first.length > count) first.pop();
  }
  return first;
}

/** The rows whose name contains the query (case-insensitive); all of them for an empty query. */
export function matchingRows(rows: DirectoryRow[], query: string): DirectoryRow[] {
  const wanted = query.trim().toLocaleLowerCase();
  return wanted ? rows.filter((row) => row.preferredName.toLocaleLowerCase().includes(wanted)) : rows;
}
