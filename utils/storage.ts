import { storage } from '#imports';
import * as v from 'valibot';
import {
  CallTabSchema,
  MeetingSchema,
  PatientSchema,
  SitePrefsSchema,
  VisitSchema,
  type CallTab,
  type Meeting,
  type Patient,
  type SitePrefs,
  type Visit,
} from './model';

/**
 * Stored collections: one versioned storage item each, a record of id to entry. Version 1 is the
 * first schema; a later schema adds a migration here. Entries are validated one by one on read, so
 * one damaged entry hides only itself and is never overwritten by a write to another entry.
 */
export const SCHEMA_VERSION = 1;

function collection<T>(key: `local:${string}` | `session:${string}`, schema: v.GenericSchema<unknown, T>, label: string) {
  return {
    label,
    schema,
    item: storage.defineItem<Record<string, unknown>>(key, { fallback: {}, version: SCHEMA_VERSION, migrations: {} }),
  };
}

export const collections = {
  patients: collection<Patient>('local:patients', PatientSchema, 'patient'),
  visits: collection<Visit>('local:visits', VisitSchema, 'visit'),
  meetings: collection<Meeting>('local:meetings', MeetingSchema, 'meeting link'),
  sitePrefs: collection<SitePrefs>('local:sitePrefs', SitePrefsSchema, 'panel position'),
  callTabs: collection<CallTab>('session:callTabs', CallTabSchema, 'call tab'),
};
/** Whole stored values found damaged are moved here on the next write, never deleted. */
export const setAsideKey = 'local:setAside' as const;

export type CollectionName = keyof typeof collections;
export type CollectionEntry<N extends CollectionName> = (typeof collections)[N] extends { schema: v.GenericSchema<unknown, infer T> } ? T : never;

export interface CollectionRead<T> {
  entries: Record<string, T>;
  /** Ids whose stored entry does not fit the schema: shown as a problem, kept as they are. */
  unreadable: string[];
  /** The whole stored value is unusable (not a record, or saved by a newer Rapport). */
  problem: 'notARecord' | 'newerVersion' | null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads what it can; data from a newer Rapport is read as far as this schema knows it, to show read-only. */
export function readEntries<T>(raw: unknown, schema: v.GenericSchema<unknown, T>, storedVersion: number): CollectionRead<T> {
  const newer = storedVersion > SCHEMA_VERSION;
  if (raw == null) return { entries: {}, unreadable: [], problem: newer ? 'newerVersion' : null };
  if (!isRecord(raw)) return { entries: {}, unreadable: [], problem: newer ? 'newerVersion' : 'notARecord' };
  const entries: Record<string, T> = {};
  const unreadable: string[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const parsed = v.safeParse(schema, value);
    if (parsed.success) entries[id] = parsed.output;
    else unreadable.push(id);
  }
  return { entries, unreadable, problem: newer ? 'newerVersion' : null };
}

export async function storedVersion(name: CollectionName): Promise<number> {
  const meta = await collections[name].item.getMeta();
  return isRecord(meta) && typeof meta.v === 'number' ? meta.v : SCHEMA_VERSION;
}

export async function readCollection<N extends CollectionName>(name: N): Promise<CollectionRead<CollectionEntry<N>>> {
  const { item, schema } = collections[name];
  const [raw, version] = await Promise.all([item.getValue(), storedVersion(name)]);
  return readEntries(raw, schema as v.GenericSchema<unknown, CollectionEntry<N>>, version);
}
