import { browser } from '#imports';
import * as v from 'valibot';
import { i18n } from '#i18n';
import { indexEntry } from './history';
import { PatientSchema, type Visit } from './model';
import { directoryEntry, DirectoryEntrySchema, noVisits, patientDirectory, sameEntry, visitStats, type VisitStats } from './patient-directory';
import { lockedMessage, openValues, sealWrites, tamperedMessage } from './lock';
import { isQuotaError, LOCAL_QUOTA_BYTES, storageNearlyFullNotice, WARN_ABOVE_SHARE, withRetries } from './storage-limits';
import {
  collections,
  isRecord,
  loadStored,
  readStored,
  SCHEMA_VERSION,
  setAsideKey,
  readVisitRecord,
  visitKey,
  visitRecords,
  type CollectionEntry,
  type CollectionName,
  type StorageArea,
} from './storage';

/** A failure the therapist should read: the message is shown in the panel as it is. */
export class StoreError extends Error {}

/**
 * The background's writer: the one place stored data changes. Work is serialized, each change
 * reads the stored collections fresh, and every collection a change touches is written in one
 * storage call per area, so a stopped service worker leaves either the old or the new state.
 */
export function createBackgroundStore(clock: { now(): number } = Date) {
  let queue: Promise<unknown> = Promise.resolve();
  /** Set when stored data could not be brought to this version: every change is refused with it. */
  let refusal: string | null = null;

  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const guarded = () => (refusal ? Promise.reject(new StoreError(refusal)) : work());
    const run = queue.then(guarded, guarded);
    queue = run.catch(() => undefined);
    return run;
  }

  /** No change runs before `check` (the storage migration) is done; its refusal, if any, then holds for every change. */
  function holdWritesUntil(check: Promise<string | null>): Promise<string | null> {
    const settled = check.catch((error: unknown) => i18n.t('storage.checkFailed', [error instanceof Error ? error.message : String(error)]));
    queue = queue.then(() => settled).then((problem) => void (refusal = problem));
    return settled;
  }

  /** The named collections as records to change; a whole value that is not a record is set aside. */
  async function loadRaws(names: CollectionName[], setAside: Map<string, unknown>): Promise<Map<CollectionName, Record<string, unknown>>> {
    const stored = await loadStored(names);
    const raws = new Map<CollectionName, Record<string, unknown>>();
    for (const name of names) {
      const { raw, version, sealed } = stored.get(name)!;
      const { label, area, key } = collections[name];
      // Encrypted data that cannot be decrypted is never written over: the change is refused.
      if (sealed) throw new StoreError(sealed === 'locked' ? lockedMessage() : tamperedMessage());
      if (version > SCHEMA_VERSION) {
        throw new StoreError(i18n.t('storage.newerVersion', [i18n.t(label)]));
      }
      if (raw != null && !isRecord(raw)) setAside.set(`${area}:${key}`, raw);
      raws.set(name, isRecord(raw) ? { ...raw } : {});
    }
    return raws;
  }

  /**
   * Runs `change` against the named collections and any visits it reads. `change` reads entries
   * with `get` and visits with `visit` (validated; a damaged one throws rather than being replaced),
   * and writes with `put` and `putVisit` (or `removeVisit`); a visit's index line is written (or
   * removed) with it, and the patient directory's lines of the patients it touched (their notes, or
   * their visits).
   */
  function transact<T>(names: CollectionName[], change: (tx: Transaction) => T | Promise<T>): Promise<T> {
    return run(names, change, false);
  }

  function run<T>(names: CollectionName[], change: (tx: Transaction) => T | Promise<T>, rebuildDirectory: boolean): Promise<T> {
    return serialized(async () => {
      const setAside = new Map<string, unknown>();
      const raws = await loadRaws(names, setAside);
      /** A collection this change did not name, opened when the directory or index needs it. */
      const open = async (name: CollectionName) => {
        if (!raws.has(name)) raws.set(name, (await loadRaws([name], setAside)).get(name)!);
        return raws.get(name)!;
      };
      const touched = new Set<CollectionName>();
      /** Patients whose directory line may change: their record was written, or one of their visits. */
      const patientsWritten = new Set<string>();
      const patientsOfVisits = new Set<string>();
      const visitsRead = new Map<string, Visit | undefined>();
      const visitsWritten = new Map<string, Visit>();
      const visitsRemoved = new Set<string>();
      const tx: Transaction = {
        get(name, id) {
          const collection = raws.get(name);
          if (!collection || !Object.hasOwn(collection, id)) return undefined;
          const raw = collection[id];
          const parsed = v.safeParse(collections[name].schema, raw);
          if (!parsed.success) {
            throw new StoreError(i18n.t('storage.recordDamaged', [i18n.t(collections[name].label)]));
          }
          return parsed.output as never;
        },
        entries(name) {
          const collection = raws.get(name);
          if (!collection) throw new Error(`collection ${name} was not opened in this change`);
          const valid: Record<string, unknown> = {};
          for (const [id, raw] of Object.entries(collection)) {
            const parsed = v.safeParse(collections[name].schema, raw);
            if (parsed.success) valid[id] = parsed.output;
          }
          return valid as never;
        },
        put(name, id, value) {
          const raw = raws.get(name);
          if (!raw) throw new Error(`collection ${name} was not opened in this change`);
          raw[id] = value;
          touched.add(name);
          if (name === 'patients') patientsWritten.add(id);
        },
        remove(name, id) {
          const raw = raws.get(name);
          if (raw && id in raw) {
            delete raw[id];
            touched.add(name);
            if (name === 'patients') patientsWritten.add(id);
          }
        },
        async visit(id) {
          if (visitsRemoved.has(id)) return undefined;
          if (visitsWritten.has(id)) return visitsWritten.get(id);
          if (!visitsRead.has(id)) {
            const key = visitKey(id);
            const record = readVisitRecord((await openValues(await browser.storage.local.get(key)))[key]);
            if (record === 'locked') throw new StoreError(lockedMessage());
            if (record === 'damaged') throw new StoreError(i18n.t('storage.visitRecordDamaged'));
            visitsRead.set(id, record);
          }
          return visitsRead.get(id);
        },
        async visitsById(ids) {
          const keys = ids.filter((id) => !visitsRead.has(id) && !visitsWritten.has(id)).map(visitKey);
          const values = keys.length > 0 ? await openValues(await browser.storage.local.get(keys)) : {};
          const found: Record<string, Visit | 'damaged'> = {};
          for (const id of ids) {
            const record = visitsWritten.get(id) ?? (visitsRead.has(id) ? visitsRead.get(id) : readVisitRecord(values[visitKey(id)]));
            if (record === 'locked') throw new StoreError(lockedMessage());
            if (record !== undefined) found[id] = record;
            if (record !== 'damaged' && !visitsRead.has(id)) visitsRead.set(id, record);
          }
          return found;
        },
        async storedVisitIds() {
          const keys = await storedKeys();
          const ids = new Set(keys.filter((key) => key.startsWith(visitRecords.prefix)).map((key) => key.slice(visitRecords.prefix.length)));
          for (const id of visitsWritten.keys()) ids.add(id);
          for (const id of visitsRemoved) ids.delete(id);
          return [...ids];
        },
        putVisit(visit) {
          visitsRemoved.delete(visit.id);
          visitsWritten.set(visit.id, visit);
        },
        removeVisit(id) {
          visitsWritten.delete(id);
          visitsRemoved.add(id);
        },
      };
      const result = await change(tx);
      // The visit index is read only when a visit is written, and gets that visit's line.
      if (visitsWritten.size > 0) {
        const index = await open('visitIndex');
        for (const [id, visit] of visitsWritten) {
          const before = isRecord(index[id]) ? (index[id] as Record<string, unknown>) : {};
          const line = indexEntry(visit);
          // A patient's visit figures depend only on each line's patient and end: a tick in an open
          // visit changes neither. A visit moved to another patient changes both patients' figures.
          const patientBefore = typeof before.patientId === 'string' ? before.patientId : null;
          const endedBefore = typeof before.endedAt === 'number' ? before.endedAt : null;
          if (patientBefore !== line.patientId || endedBefore !== line.endedAt) {
            if (patientBefore) patientsOfVisits.add(patientBefore);
            if (line.patientId) patientsOfVisits.add(line.patientId);
          }
          index[id] = line;
        }
        touched.add('visitIndex');
      }
      // A removed visit takes its index line with it, and counts no more in its patient's figures.
      if (visitsRemoved.size > 0) {
        const index = await open('visitIndex');
        for (const id of visitsRemoved) {
          const before = index[id];
          if (isRecord(before) && typeof before.patientId === 'string') patientsOfVisits.add(before.patientId);
          delete index[id];
        }
        touched.add('visitIndex');
      }
      // A patients, index or directory value set aside just now leaves nothing to follow: rebuild the directory whole.
      const setAsideNow = ['patients', 'visitIndex', 'patientDirectory'].some((name) => setAside.has(`local:${name}`));
      if (rebuildDirectory || setAsideNow || patientsWritten.size > 0 || patientsOfVisits.size > 0) {
        if (await updateDirectory(open, { all: rebuildDirectory || setAsideNow, patientsWritten, patientsOfVisits })) touched.add('patientDirectory');
      }
      const writes: Record<StorageArea, Record<string, unknown>> = { local: {}, session: {} };
      for (const [id, visit] of visitsWritten) writes.local[visitKey(id)] = visit;
      for (const name of touched) {
        const { area, key, metaKey } = collections[name];
        writes[area][key] = raws.get(name);
        writes[area][metaKey] = { v: SCHEMA_VERSION };
      }
      if (setAside.size > 0) {
        const previous = (await browser.storage.local.get(setAsideKey))[setAsideKey];
        const kept = isRecord(previous) ? previous : {};
        for (const [key, value] of setAside) kept[`${key}@${clock.now()}`] = value;
        writes.local[setAsideKey] = kept;
      }
      // Under the passphrase lock, patient data is encrypted as it is written; locked, it is not written at all.
      const localWrites = await sealWrites(writes.local);
      if (!localWrites) throw new StoreError(lockedMessage());
      writes.local = localWrites;
      try {
        // Removed visits go first: a service worker stopped right after leaves their index lines,
        // so the patient and their history still show and the removal can simply be asked again.
        if (visitsRemoved.size > 0) await withRetries(() => browser.storage.local.remove([...visitsRemoved].map(visitKey)));
        // One call per area: a stopped service worker leaves all of a change or none of it.
        for (const area of ['local', 'session'] as const) {
          if (Object.keys(writes[area]).length > 0) await withRetries(() => browser.storage[area].set(writes[area]));
        }
      } catch (error) {
        if (isQuotaError(error)) {
          await recordStorageUse();
          throw new StoreError(i18n.t('storage.full'));
        }
        throw new StoreError(i18n.t('storage.refused'));
      }
      if (visitsRemoved.size > 0 || Object.keys(writes.local).length > 0) await recordStorageUse();
      return result;
    });
  }

  /**
   * Every patient's directory line checked against the patients and the visit index, and
   * rewritten where it differs (a directory missing, or written by something other than this
   * writer): run by the background when it starts. Reads first, outside the queue, so an
   * up-to-date directory (the usual case) holds up no change.
   */
  async function checkDirectory(): Promise<boolean> {
    const stored = await loadStored(['patients', 'visitIndex', 'patientDirectory']);
    if ([...stored.values()].some(({ version, sealed }) => version > SCHEMA_VERSION || sealed)) return false;
    const patients = readStored('patients', stored.get('patients')!).entries;
    const index = stored.get('visitIndex')!.raw;
    const expected = patientDirectory(patients, isRecord(index) ? Object.values(index) : []);
    const directory = stored.get('patientDirectory')!.raw;
    const current = isRecord(directory) ? directory : {};
    const ids = new Set([...Object.keys(expected), ...Object.keys(current)]);
    const stale =
      (directory !== undefined && !isRecord(directory)) ||
      [...ids].some((id) => {
        const parsed = v.safeParse(DirectoryEntrySchema, current[id]);
        return !sameEntry(parsed.success ? parsed.output : undefined, expected[id]);
      });
    if (stale) await run([], () => undefined, true);
    return stale;
  }

  /**
   * Notes in session storage whether local storage is more than 80% full, for every page to show
   * as one notice (the `storageHealth` collection); changed only when that answer changes.
   */
  /**
   * Sets or clears one problem every page shows (`session:storageHealth`). Written directly, not
   * through the queue: it must be said even while every change is refused.
   */
  async function noteStorageHealth(entry: string, problem: string | null): Promise<void> {
    const { area, key, metaKey } = collections.storageHealth;
    const stored = (await browser.storage[area].get(key))[key];
    const health = isRecord(stored) ? { ...stored } : {};
    if (problem === null ? !(entry in health) : isRecord(health[entry]) && health[entry].problem === problem) return;
    if (problem === null) delete health[entry];
    else health[entry] = { problem };
    await browser.storage[area].set({ [key]: health, [metaKey]: { v: SCHEMA_VERSION } });
  }

  async function recordStorageUse(): Promise<void> {
    try {
      const local = browser.storage.local as typeof browser.storage.local & { QUOTA_BYTES?: number };
      const used = await local.getBytesInUse(null);
      const nearlyFull = used > (local.QUOTA_BYTES ?? LOCAL_QUOTA_BYTES) * WARN_ABOVE_SHARE;
      await noteStorageHealth(storageSpaceEntry, nearlyFull ? storageNearlyFullNotice() : null);
    } catch {
      // A browser without getBytesInUse (Firefox), or a refused session write: the warning helps, saving does not depend on it.
    }
  }

  /** Runs `work` in the writer's queue, alone: for changes beyond one transaction (turning the passphrase lock on or off). */
  const exclusive = serialized;

  return { transact, exclusive, checkDirectory, holdWritesUntil, recordStorageUse, noteStorageHealth };
}

/** Local storage's key names: listed alone where the browser can (Chrome 130+), else read with everything once. */
async function storedKeys(): Promise<string[]> {
  const local = browser.storage.local as typeof browser.storage.local & { getKeys?(): Promise<string[]> };
  try {
    if (local.getKeys) return await local.getKeys();
  } catch {
    // Listed as present but not there (older browsers, test doubles): read everything instead.
  }
  return Object.keys(await local.get(null));
}

/** The `storageHealth` entry that says local storage is nearly full. */
export const storageSpaceEntry = 'storageSpace';

/**
 * Brings the directory lines of the given patients (or of everyone, `all`) up to date with the
 * patients and the visit index in this change; true when it changed. A line whose visit figures
 * did not change and whose patient was not written is left as it is, so a tick in an open visit
 * reads neither the patients nor rewrites the directory.
 */
async function updateDirectory(
  open: (name: CollectionName) => Promise<Record<string, unknown>>,
  { all, patientsWritten, patientsOfVisits }: { all: boolean; patientsWritten: Set<string>; patientsOfVisits: Set<string> },
): Promise<boolean> {
  const directory = await open('patientDirectory');
  const current = (id: string) => {
    const parsed = v.safeParse(DirectoryEntrySchema, directory[id]);
    return parsed.success ? parsed.output : undefined;
  };
  const ids = all ? new Set([...Object.keys(await open('patients')), ...Object.keys(directory)]) : new Set([...patientsWritten, ...patientsOfVisits]);
  // Visit figures come from the index when a visit was written (it is open) or a line has none to keep.
  const needIndex = all || patientsOfVisits.size > 0 || [...ids].some((id) => !current(id));
  const stats: Map<string, VisitStats> | null = needIndex ? visitStats(Object.values(await open('visitIndex'))) : null;
  let changed = false;
  for (const id of ids) {
    const before = current(id);
    const figures = stats ? (stats.get(id) ?? noVisits) : { visits: before!.visits, lastVisitAt: before!.lastVisitAt };
    if (!all && !patientsWritten.has(id) && before && before.visits === figures.visits && before.lastVisitAt === figures.lastVisitAt) continue;
    const patient = v.safeParse(PatientSchema, (await open('patients'))[id]);
    const after = patient.success ? directoryEntry(patient.output, figures) : undefined;
    if (sameEntry(before, after) && (after !== undefined || !(id in directory))) continue;
    if (after) directory[id] = after;
    else delete directory[id];
    changed = true;
  }
  // Rebuilt whole, it is written even when unchanged or empty, so it is stored from then on.
  return changed || all;
}

export interface Transaction {
  get<N extends CollectionName>(name: N, id: string): CollectionEntry<N> | undefined;
  /** Every readable entry of an opened collection (damaged ones left out). */
  entries<N extends CollectionName>(name: N): Record<string, CollectionEntry<N>>;
  put<N extends CollectionName>(name: N, id: string, value: CollectionEntry<N>): void;
  remove(name: CollectionName, id: string): void;
  visit(id: string): Promise<Visit | undefined>;
  /** Many visits in one storage read: those stored, damaged ones marked as such. */
  visitsById(ids: string[]): Promise<Record<string, Visit | 'damaged'>>;
  /** The ids of every stored visit record, whether its index line is readable or not. */
  storedVisitIds(): Promise<string[]>;
  putVisit(visit: Visit): void;
  /** Removes the visit's record and its index line. */
  removeVisit(id: string): void;
}

export type BackgroundStore = ReturnType<typeof createBackgroundStore>;
