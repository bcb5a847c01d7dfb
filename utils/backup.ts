import * as v from 'valibot';
import { SafeIdSchema } from './message-schemas';
import { MeetingSchema, PatientSchema, patientNoteFields, VisitSchema, type Meeting, type Patient, type Visit } from './model';

/** A backup file: every patient, visit and meeting link (or one patient's), as plain JSON. */
export const BACKUP_FORMAT = 'rapport-backup';
export const BACKUP_VERSION = 1;
const MAX_FILE_CHARACTERS = 50_000_000;

export const BackupSchema = v.pipe(
  v.object({
    format: v.literal(BACKUP_FORMAT),
    version: v.literal(BACKUP_VERSION),
    exportedAt: v.number(),
    patients: v.record(SafeIdSchema, PatientSchema),
    visits: v.record(SafeIdSchema, VisitSchema),
    meetings: v.record(SafeIdSchema, MeetingSchema),
  }),
  v.check(
    (backup) => Object.entries(backup.patients).every(([id, patient]) => patient.id === id) && Object.entries(backup.visits).every(([id, visit]) => visit.id === id),
    'a record is filed under an id that is not its own',
  ),
);
export type Backup = v.InferOutput<typeof BackupSchema>;

export interface StoredData {
  patients: Record<string, Patient>;
  visits: Record<string, Visit>;
  meetings: Record<string, Meeting>;
}

export function makeBackup(data: StoredData, exportedAt: number, patientId?: string): Backup {
  if (!patientId) return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, ...structuredClone(data) };
  const pick = <T>(records: Record<string, T>, keep: (record: T) => boolean) =>
    Object.fromEntries(Object.entries(records).filter(([, record]) => keep(record))) as Record<string, T>;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    patients: structuredClone(pick(data.patients, (patient) => patient.id === patientId)),
    visits: structuredClone(pick(data.visits, (visit) => visit.patientId === patientId)),
    meetings: structuredClone(pick(data.meetings, (meeting) => meeting.patientId === patientId)),
  };
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; problem: string };

/** Reads a backup file completely before anything is imported; the first problem is named in plain words. */
export function parseBackup(text: string): ParsedBackup {
  if (text.length > MAX_FILE_CHARACTERS) return { ok: false, problem: 'This file is too large to be a Rapport backup.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'This file is not a Rapport backup: it cannot be read as JSON (it may be cut short).' };
  }
  return checkBackup(json);
}

export function checkBackup(json: unknown): ParsedBackup {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, problem: 'This file is not a Rapport backup.' };
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    return { ok: false, problem: `This backup was made by a newer version of Rapport (format ${version}). Update Rapport to import it.` };
  }
  if (version !== BACKUP_VERSION) return { ok: false, problem: 'This backup has no version Rapport knows.' };
  // Keys such as __proto__ would be dropped quietly by the schema; name them instead.
  for (const name of ['patients', 'visits', 'meetings'] as const) {
    const records = (json as Record<string, unknown>)[name];
    if (typeof records !== 'object' || records === null) continue;
    const badKey = Object.keys(records).find((key) => !v.safeParse(SafeIdSchema, key).success);
    if (badKey !== undefined) return { ok: false, problem: `This backup has a problem at ${name} → ${badKey.slice(0, 60)}: not a valid id. Nothing was imported.` };
  }
  const parsed = v.safeParse(BackupSchema, json);
  if (parsed.success) return { ok: true, backup: parsed.output };
  const [issue] = parsed.issues;
  const path = (issue.path ?? []).map((step) => String(step.key)).join(' → ');
  return { ok: false, problem: `This backup has a problem${path ? ` at ${path}` : ''}: ${issue.message}. Nothing was imported.` };
}

export interface ImportPlan {
  patientsAdded: number;
  /** Patients already here whose empty notes the backup fills. */
  patientsFilled: number;
  visitsAdded: number;
  /** Visits already here that differ from the backup: kept as they are here. */
  visitsKept: number;
  meetingsAdded: number;
}

/**
 * Merges a backup into what is stored, never removing or overwriting: new records are added, a
 * patient's empty notes are filled from the backup, and everything already here stays as it is.
 * Returns only the records to write.
 */
export function mergeBackup(current: StoredData, backup: Backup): { writes: StoredData; plan: ImportPlan } {
  const writes: StoredData = { patients: {}, visits: {}, meetings: {} };
  const plan: ImportPlan = { patientsAdded: 0, patientsFilled: 0, visitsAdded: 0, visitsKept: 0, meetingsAdded: 0 };
  for (const [id, incoming] of Object.entries(backup.patients)) {
    const here = current.patients[id];
    if (!here) {
      writes.patients[id] = incoming;
      plan.patientsAdded++;
      continue;
    }
    const filled = patientNoteFields.filter((field) => !here.notes[field] && incoming.notes[field]);
    if (filled.length === 0) continue;
    writes.patients[id] = { ...here, notes: { ...here.notes, ...Object.fromEntries(filled.map((field) => [field, incoming.notes[field]])) } };
    plan.patientsFilled++;
  }
  for (const [id, incoming] of Object.entries(backup.visits)) {
    const here = current.visits[id];
    if (!here) {
      writes.visits[id] = incoming;
      plan.visitsAdded++;
    } else if (JSON.stringify(here) !== JSON.stringify(incoming)) {
      plan.visitsKept++;
    }
  }
  for (const [key, incoming] of Object.entries(backup.meetings)) {
    if (current.meetings[key]) continue;
    // A link keeps its open visit only when that visit comes with it.
    const openVisitId = incoming.openVisitId && (writes.visits[incoming.openVisitId] ?? current.visits[incoming.openVisitId]) ? incoming.openVisitId : null;
    writes.meetings[key] = { patientId: incoming.patientId, openVisitId };
    plan.meetingsAdded++;
  }
  return { writes, plan };
}

export function describePlan(plan: ImportPlan): string {
  const parts = [
    plan.patientsAdded && `add ${plan.patientsAdded} patient${plan.patientsAdded === 1 ? '' : 's'}`,
    plan.visitsAdded && `add ${plan.visitsAdded} visit${plan.visitsAdded === 1 ? '' : 's'}`,
    plan.meetingsAdded && `add ${plan.meetingsAdded} meeting link${plan.meetingsAdded === 1 ? '' : 's'}`,
    plan.patientsFilled && `fill empty notes of ${plan.patientsFilled} patient${plan.patientsFilled === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const kept = plan.visitsKept ? ` ${plan.visitsKept} visit${plan.visitsKept === 1 ? ' differs' : 's differ'} from the file and stay as they are here.` : '';
  return parts.length === 0 ? `Everything in this backup is already here.${kept}` : `This will ${parts.join(', ')}. Nothing here is removed or overwritten.${kept}`;
}
