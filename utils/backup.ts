import * as v from 'valibot';
import { i18n } from '#i18n';
import { SafeIdSchema } from './message-schemas';
import { MeetingSchema, PatientSchema, patientNoteFields, VisitSchema, type Meeting, type Patient, type Visit } from './model';
import { CLINIC_PREFIX, ProtocolSchema, type Protocol } from './protocols';

/**
 * A backup file: every patient, visit and meeting link and the therapist's own protocols (or one
 * patient's records), as plain JSON. Files saved before protocols were included have none.
 */
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
    protocols: v.optional(v.record(SafeIdSchema, ProtocolSchema), {}),
  }),
  v.check(
    (backup) => [backup.patients, backup.visits, backup.protocols].every((records) => Object.entries(records).every(([id, record]) => record.id === id)),
    () => i18n.t('backup.idMismatch'),
  ),
  // A clinic's protocols come from its policy, never from a file.
  v.check((backup) => Object.keys(backup.protocols).every((id) => !id.startsWith(CLINIC_PREFIX)), () => i18n.t('backup.clinicProtocol')),
);
export type Backup = v.InferOutput<typeof BackupSchema>;

export interface StoredData {
  patients: Record<string, Patient>;
  visits: Record<string, Visit>;
  meetings: Record<string, Meeting>;
  protocols: Record<string, Protocol>;
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
    // One patient's file carries their records only: each visit keeps the checklist it used.
    protocols: {},
  };
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; problem: string };

/** Reads a backup file completely before anything is imported; the first problem is named in plain words. */
export function parseBackup(text: string): ParsedBackup {
  if (text.length > MAX_FILE_CHARACTERS) return { ok: false, problem: i18n.t('backup.tooLarge') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: i18n.t('backup.notJson') };
  }
  return checkBackup(json);
}

export function checkBackup(json: unknown): ParsedBackup {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, problem: i18n.t('backup.notBackup') };
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    return { ok: false, problem: i18n.t('backup.newerVersion', [version]) };
  }
  if (version !== BACKUP_VERSION) return { ok: false, problem: i18n.t('backup.unknownVersion') };
  // Keys such as __proto__ would be dropped quietly by the schema; name them instead.
  for (const name of ['patients', 'visits', 'meetings', 'protocols'] as const) {
    const records = (json as Record<string, unknown>)[name];
    if (typeof records !== 'object' || records === null) continue;
    const badKey = Object.keys(records).find((key) => !v.safeParse(SafeIdSchema, key).success);
    if (badKey !== undefined) return { ok: false, problem: i18n.t('backup.badId', [name, badKey.slice(0, 60)]) };
  }
  const parsed = v.safeParse(BackupSchema, json);
  if (parsed.success) return { ok: true, backup: parsed.output };
  const [issue] = parsed.issues;
  const path = (issue.path ?? []).map((step) => String(step.key)).join(' → ');
  return { ok: false, problem: path ? i18n.t('backup.problemAt', [path, issue.message]) : i18n.t('backup.problem', [issue.message]) };
}

export interface ImportPlan {
  patientsAdded: number;
  /** Patients already here whose empty notes the backup fills. */
  patientsFilled: number;
  visitsAdded: number;
  /** Visits already here that differ from the backup: kept as they are here. */
  visitsKept: number;
  meetingsAdded: number;
  /** The therapist's own protocols (or their edit of the default) not here yet; one already here stays as it is. */
  protocolsAdded: number;
}

/**
 * Merges a backup into what is stored, never removing or overwriting: new records are added, a
 * patient's empty notes are filled from the backup, and everything already here stays as it is.
 * Returns only the records to write.
 */
export function mergeBackup(current: StoredData, backup: Backup): { writes: StoredData; plan: ImportPlan } {
  const writes: StoredData = { patients: {}, visits: {}, meetings: {}, protocols: {} };
  const plan: ImportPlan = { patientsAdded: 0, patientsFilled: 0, visitsAdded: 0, visitsKept: 0, meetingsAdded: 0, protocolsAdded: 0 };
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
  for (const [id, incoming] of Object.entries(backup.protocols)) {
    if (current.protocols[id]) continue;
    writes.protocols[id] = incoming;
    plan.protocolsAdded++;
  }
  return { writes, plan };
}

/** The plan in words: what an import will do (`preview`) or did (`done`). */
export function describePlan(plan: ImportPlan, when: 'preview' | 'done' = 'preview'): string {
  const parts = [
    plan.patientsAdded && i18n.t('backup.planAddPatients', plan.patientsAdded),
    plan.visitsAdded && i18n.t('backup.planAddVisits', plan.visitsAdded),
    plan.meetingsAdded && i18n.t('backup.planAddMeetings', plan.meetingsAdded),
    plan.protocolsAdded && i18n.t('backup.planAddProtocols', plan.protocolsAdded),
    plan.patientsFilled && i18n.t('backup.planFillNotes', plan.patientsFilled),
  ].filter(Boolean);
  const done = parts.length === 0 ? i18n.t('backup.planNothing') : i18n.t(when === 'preview' ? 'backup.planWill' : 'backup.planDid', [parts.join(', ')]);
  return plan.visitsKept ? `${done} ${i18n.t('backup.planKept', plan.visitsKept)}` : done;
}
