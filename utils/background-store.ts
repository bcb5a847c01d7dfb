import { browser } from '#imports';
import * as v from 'valibot';
import { indexEntry } from './history';
import type { Visit } from './model';
import {
  collections,
  isRecord,
  loadStored,
  SCHEMA_VERSION,
  setAsideKey,
  readVisitRecord,
  visitKey,
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

  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The named collections as records to change; a whole value that is not a record is set aside. */
  async function loadRaws(names: CollectionName[], setAside: Map<string, unknown>): Promise<Map<CollectionName, Record<string, unknown>>> {
    const stored = await loadStored(names);
    const raws = new Map<CollectionName, Record<string, unknown>>();
    for (const name of names) {
      const { raw, version } = stored.get(name)!;
      const { label, area, key } = collections[name];
      if (version > SCHEMA_VERSION) {
        throw new StoreError(`Your saved ${label} data comes from a newer version of Rapport. Update Rapport to change it; nothing was changed.`);
      }
      if (raw != null && !isRecord(raw)) setAside.set(`${area}:${key}`, raw);
      raws.set(name, isRecord(raw) ? { ...raw } : {});
    }
    return raws;
  }

  /**
   * Runs `change` against the named collections and any visits it reads. `change` reads entries
   * with `get` and visits with `visit` (validated; a damaged one throws rather than being replaced),
   * and writes with `put` and `putVisit`; a visit's index line is written with it.
   */
  function transact<T>(names: CollectionName[], change: (tx: Transaction) => T | Promise<T>): Promise<T> {
    return serialized(async () => {
      const setAside = new Map<string, unknown>();
      const raws = await loadRaws(names, setAside);
      const touched = new Set<CollectionName>();
      const visitsRead = new Map<string, Visit | undefined>();
      const visitsWritten = new Map<string, Visit>();
      const tx: Transaction = {
        get(name, id) {
          const collection = raws.get(name);
          if (!collection || !Object.hasOwn(collection, id)) return undefined;
          const raw = collection[id];
          const parsed = v.safeParse(collections[name].schema, raw);
          if (!parsed.success) {
            throw new StoreError(`This ${collections[name].label} record is damaged, so Rapport left it as it is and did not change it.`);
          }
          return parsed.output as never;
        },
        put(name, id, value) {
          const raw = raws.get(name);
          if (!raw) throw new Error(`collection ${name} was not opened in this change`);
          raw[id] = value;
          touched.add(name);
        },
        remove(name, id) {
          const raw = raws.get(name);
          if (raw && id in raw) {
            delete raw[id];
            touched.add(name);
          }
        },
        async visit(id) {
          if (visitsWritten.has(id)) return visitsWritten.get(id);
          if (!visitsRead.has(id)) {
            const key = visitKey(id);
            const record = readVisitRecord((await browser.storage.local.get(key))[key]);
            if (record === 'damaged') throw new StoreError('This visit’s record is damaged, so Rapport left it as it is and did not change it.');
            visitsRead.set(id, record);
          }
          return visitsRead.get(id);
        },
        async visitsById(ids) {
          const keys = ids.filter((id) => !visitsRead.has(id) && !visitsWritten.has(id)).map(visitKey);
          const values = keys.length > 0 ? await browser.storage.local.get(keys) : {};
          const found: Record<string, Visit | 'damaged'> = {};
          for (const id of ids) {
            const record = visitsWritten.get(id) ?? (visitsRead.has(id) ? visitsRead.get(id) : readVisitRecord(values[visitKey(id)]));
            if (record !== undefined) found[id] = record;
            if (record !== 'damaged' && !visitsRead.has(id)) visitsRead.set(id, record);
          }
          return found;
        },
        putVisit(visit) {
          visitsWritten.set(visit.id, visit);
        },
      };
      const result = await change(tx);
      // The visit index is read only when a visit is written, and gets that visit's line.
      if (visitsWritten.size > 0) {
        if (!raws.has('visitIndex')) raws.set('visitIndex', (await loadRaws(['visitIndex'], setAside)).get('visitIndex')!);
        const index = raws.get('visitIndex')!;
        for (const [id, visit] of visitsWritten) index[id] = indexEntry(visit);
        touched.add('visitIndex');
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
      try {
        // One call per area: a stopped service worker leaves all of a change or none of it.
        for (const area of ['local', 'session'] as const) {
          if (Object.keys(writes[area]).length > 0) await browser.storage[area].set(writes[area]);
        }
      } catch (error) {
        throw new StoreError(`Rapport could not save this change (${describeStorageError(error)}). What you typed is still on screen.`);
      }
      return result;
    });
  }

  return { transact };
}

export interface Transaction {
  get<N extends CollectionName>(name: N, id: string): CollectionEntry<N> | undefined;
  put<N extends CollectionName>(name: N, id: string, value: CollectionEntry<N>): void;
  remove(name: CollectionName, id: string): void;
  visit(id: string): Promise<Visit | undefined>;
  /** Many visits in one storage read: those stored, damaged ones marked as such. */
  visitsById(ids: string[]): Promise<Record<string, Visit | 'damaged'>>;
  putVisit(visit: Visit): void;
}

export type BackgroundStore = ReturnType<typeof createBackgroundStore>;

function describeStorageError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/quota/i.test(text)) return 'the browser’s storage for Rapport is full';
  return 'the browser refused to store it';
}
