import { browser } from '#imports';
import * as v from 'valibot';
import type { GeneratedI18nStructure } from '#i18n';
import {
  CallTabSchema,
  MeetingSchema,
  PatientSchema,
  SitePrefsSchema,
  VisitIndexEntrySchema,
  VisitSchema,
  ListeningSchema,
  type CallTab,
  type Listening,
  type Meeting,
  type Patient,
  type SitePrefs,
  type Visit,
  type VisitIndexEntry,
} from './model';
import { CueSettingsSchema, type CueSettings } from './cues';
import { RetentionSettingSchema, type RetentionSetting } from './retention';
import { LookSettingSchema, type LookSetting } from './look';
import { PanelPlaceSettingSchema, type PanelPlaceSetting } from './panel-place';
import { DirectoryEntrySchema, type DirectoryEntry } from './patient-directory';
import { lockedMessage, openValues, Sealed, tamperedMessage } from './lock';
import { storageArea } from './frame-relay';
import { ProtocolChoiceSchema, ProtocolSchema, type Protocol, type ProtocolChoice } from './protocols';
import { AddedSitesSettingSchema, type AddedSitesSetting } from './added-sites-setting';

/**
 * Stored collections, each a record of id to entry under one storage key, with its schema version
 * in a meta key beside it (`patients$` = `{ v: 1 }`, the layout WXT's versioned items use).
 * Version 1 is the first schema; a later one adds its migration, run by the background (the one
 * writer) before it writes. Entries are validated one by one on read, so one damaged entry hides
 * only itself and is never overwritten by a write to another entry.
 */
export const SCHEMA_VERSION = 1;

export type StorageArea = 'local' | 'session';

/** What a collection is called in problems: a catalogue key (locales/en.yml, `storage.label`). */
type CollectionLabel = Extract<keyof GeneratedI18nStructure, `storage.label.${string}`>;

function collection<T>(area: StorageArea, key: string, schema: v.GenericSchema<unknown, T>, label: CollectionLabel) {
  return { area, key, metaKey: `${key}$`, schema, label };
}

export const collections = {
  patients: collection<Patient>('local', 'patients', PatientSchema, 'storage.label.patient'),
  visitIndex: collection<VisitIndexEntry>('local', 'visitIndex', VisitIndexEntrySchema, 'storage.label.visitIndex'),
  meetings: collection<Meeting>('local', 'meetings', MeetingSchema, 'storage.label.meeting'),
  sitePrefs: collection<SitePrefs>('local', 'sitePrefs', SitePrefsSchema, 'storage.label.sitePrefs'),
  callTabs: collection<CallTab>('session', 'callTabs', CallTabSchema, 'storage.label.callTab'),
  listening: collection<Listening>('session', 'listening', ListeningSchema, 'storage.label.listening'),
  /** Entries by id: `cues` (utils/cues.ts), `retention` (utils/retention.ts), `look` (utils/look.ts), `panelPlace` (utils/panel-place.ts), `protocol` (utils/protocols.ts) and `sites` (utils/added-sites.ts). */
  settings: collection<CueSettings | RetentionSetting | LookSetting | PanelPlaceSetting | ProtocolChoice | AddedSitesSetting>(
    'local',
    'settings',
    v.union([CueSettingsSchema, RetentionSettingSchema, LookSettingSchema, PanelPlaceSettingSchema, ProtocolChoiceSchema, AddedSitesSettingSchema]),
    'storage.label.setting',
  ),
  /** The therapist's own protocols, and their edit of the default (id `default`). */
  protocols: collection<Protocol>('local', 'protocols', ProtocolSchema, 'storage.label.protocol'),
  /** A problem with stored data as a whole (an update to this version that failed), for every page to show. */
  storageHealth: collection<{ problem: string }>('session', 'storageHealth', v.object({ problem: v.string() }), 'storage.label.storageHealth'),
  /** Names and visit figures only, derived by the background from patients and visitIndex (utils/patient-directory.ts). */
  patientDirectory: collection<DirectoryEntry>('local', 'patientDirectory', DirectoryEntrySchema, 'storage.label.directory'),
};
export type CollectionName = keyof typeof collections;
export const collectionNames = Object.keys(collections) as CollectionName[];
export type CollectionEntry<N extends CollectionName> = (typeof collections)[N] extends { schema: v.GenericSchema<unknown, infer T> } ? T : never;

/**
 * Visits, the one collection that grows with every visit, are stored one key each ("visit:<id>"),
 * so a tick rewrites one visit and a page reads only the visits it shows. The visit index (schema
 * version in `visitIndex$`) carries what lists and charts need.
 */
export const visitRecords = { area: 'local', prefix: 'visit:', schema: VisitSchema, label: 'storage.label.visit' } as const;
export const visitKey = (id: string) => `${visitRecords.prefix}${id}`;

/**
 * A stored visit record (as opened by utils/lock.ts `openValues`): the visit, nothing stored,
 * damaged or undecryptable (left as it is), or locked.
 */
export function readVisitRecord(raw: unknown): Visit | undefined | 'damaged' | 'locked' {
  if (raw === undefined) return undefined;
  if (raw instanceof Sealed) return raw.reason === 'locked' ? 'locked' : 'damaged';
  const parsed = v.safeParse(VisitSchema, raw);
  return parsed.success ? parsed.output : 'damaged';
}

/** Whole stored values found damaged are moved here (in local storage) on the next write, never deleted. */
export const setAsideKey = 'setAside';

export interface CollectionRead<T> {
  entries: Record<string, T>;
  /** Ids whose stored entry does not fit the schema: shown as a problem, kept as they are. */
  unreadable: string[];
  /** The whole stored value is unusable (not a record), was saved by a newer Rapport, or is encrypted and cannot be decrypted. */
  problem: 'notARecord' | 'newerVersion' | 'locked' | 'tampered' | null;
}

/** A collection as stored: its value and the schema version it was written with. */
export interface StoredCollection {
  raw: unknown;
  version: number;
  /** Encrypted under the passphrase lock and not decryptable now: `raw` is then undefined. */
  sealed?: Sealed['reason'];
}

/** A stored value as opened by utils/lock.ts `openValues`, with its schema version. */
export function storedCollection(value: unknown, version: number): StoredCollection {
  return value instanceof Sealed ? { raw: undefined, version, sealed: value.reason } : { raw: value, version };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function versionOf(meta: unknown): number {
  return isRecord(meta) && typeof meta.v === 'number' ? meta.v : SCHEMA_VERSION;
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

export function readStored<N extends CollectionName>(name: N, stored: StoredCollection): CollectionRead<CollectionEntry<N>> {
  if (stored.sealed) return { entries: {}, unreadable: [], problem: stored.sealed };
  return readEntries(stored.raw, collections[name].schema as v.GenericSchema<unknown, CollectionEntry<N>>, stored.version);
}

/** The named collections as stored, in one storage read per area. */
export async function loadStored(names: readonly CollectionName[]): Promise<Map<CollectionName, StoredCollection>> {
  const byArea = new Map<StorageArea, CollectionName[]>();
  for (const name of names) byArea.set(collections[name].area, [...(byArea.get(collections[name].area) ?? []), name]);
  const loaded = new Map<CollectionName, StoredCollection>();
  await Promise.all(
    [...byArea].map(async ([area, inArea]) => {
      const values = await openValues(await storageArea(area).get(inArea.flatMap((name) => [collections[name].key, collections[name].metaKey])));
      for (const name of inArea) loaded.set(name, storedCollection(values[collections[name].key], versionOf(values[collections[name].metaKey])));
    }),
  );
  return loaded;
}

export async function readCollection<N extends CollectionName>(name: N): Promise<CollectionRead<CollectionEntry<N>>> {
  return readStored(name, (await loadStored([name])).get(name)!);
}

/**
 * Everything a backup holds, read in one call: patients, meeting links, every visit and the
 * therapist's own protocols. Throws, with a plain message, while locked or when encrypted data does not decrypt.
 */
export async function readStoredData(): Promise<{
  patients: Record<string, Patient>;
  meetings: Record<string, Meeting>;
  visits: Record<string, Visit>;
  protocols: Record<string, Protocol>;
}> {
  const everything = await openValues(await browser.storage.local.get(null));
  const sealed = Object.values(everything).filter((value) => value instanceof Sealed);
  if (sealed.length > 0) throw new Error(sealed.some((value) => value.reason === 'locked') ? lockedMessage() : tamperedMessage());
  const read = <N extends 'patients' | 'meetings' | 'protocols'>(name: N) =>
    readStored(name, { raw: everything[collections[name].key], version: versionOf(everything[collections[name].metaKey]) }).entries;
  const visits: Record<string, Visit> = {};
  for (const [key, value] of Object.entries(everything)) {
    if (!key.startsWith(visitRecords.prefix)) continue;
    const visit = readVisitRecord(value);
    if (typeof visit === 'object') visits[visit.id] = visit;
  }
  return { patients: read('patients'), meetings: read('meetings'), visits, protocols: read('protocols') };
}
