import { storage } from '#imports';
import * as v from 'valibot';
import {
  collections,
  isRecord,
  storedVersion,
  SCHEMA_VERSION,
  setAsideKey,
  type CollectionEntry,
  type CollectionName,
} from './storage';

/** A failure the therapist should read: the message is shown in the panel as it is. */
export class StoreError extends Error {}

/**
 * The background's writer: the one place stored data changes. Work is serialized, each change
 * reads the stored collections fresh, and every collection a change touches is written in one
 * storage call, so a stopped service worker leaves either the old or the new state.
 */
export function createBackgroundStore(clock: { now(): number } = Date) {
  let queue: Promise<unknown> = Promise.resolve();

  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function loadRaw(name: CollectionName, setAside: Map<string, unknown>): Promise<Record<string, unknown>> {
    const { item, label } = collections[name];
    const [raw, version] = await Promise.all([item.getValue(), storedVersion(name)]);
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`Your saved ${label} data comes from a newer version of Rapport. Update Rapport to change it; nothing was changed.`);
    }
    if (raw == null) return {};
    if (!isRecord(raw)) {
      // Unreadable as a whole: keep it aside, untouched, and start this collection afresh.
      setAside.set(item.key, raw);
      return {};
    }
    return { ...raw };
  }

  /**
   * Runs `change` against the named collections. `change` reads entries with `get` (validated; a
   * damaged entry throws rather than being replaced) and writes with `put`.
   */
  function transact<T>(names: CollectionName[], change: (tx: Transaction) => T): Promise<T> {
    return serialized(async () => {
      const setAside = new Map<string, unknown>();
      const raws = new Map<CollectionName, Record<string, unknown>>();
      for (const name of names) raws.set(name, await loadRaw(name, setAside));
      const touched = new Set<CollectionName>();
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
      };
      const result = change(tx);
      const writes: { key: `local:${string}` | `session:${string}`; value: unknown }[] = [];
      for (const name of touched) {
        const key = collections[name].item.key as `local:${string}` | `session:${string}`;
        writes.push({ key, value: raws.get(name) }, { key: `${key}$`, value: { v: SCHEMA_VERSION } });
      }
      if (setAside.size > 0) {
        const previous = await storage.getItem<Record<string, unknown>>(setAsideKey);
        const kept = isRecord(previous) ? previous : {};
        for (const [key, value] of setAside) kept[`${key}@${clock.now()}`] = value;
        writes.push({ key: setAsideKey, value: kept });
      }
      if (writes.length > 0) {
        try {
          await storage.setItems(writes);
        } catch (error) {
          throw new StoreError(`Rapport could not save this change (${describeStorageError(error)}). What you typed is still on screen.`);
        }
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
}

export type BackgroundStore = ReturnType<typeof createBackgroundStore>;

function describeStorageError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/quota/i.test(text)) return 'the browser’s storage for Rapport is full';
  return 'the browser refused to store it';
}
