import * as v from 'valibot';
import { i18n } from '#i18n';
import { indexEntry } from './history';
import { VisitSchema } from './model';
import { isRecord, setAsideKey, visitKey } from './storage';

/**
 * The layout of local storage as a whole, next to each collection's own schema version (its `$`
 * meta key): which keys exist and what goes where. Version 1 kept every visit in one `visits`
 * collection; version 2 keeps each visit under its own key with a visit index beside them.
 */
export const STORAGE_VERSION = 2;
export const storageVersionKey = 'storageVersion';

type Stored = Record<string, unknown>;

/** What one migration changes: keys to write, and keys to remove once those are safely written. */
export interface MigrationStep {
  set: Stored;
  remove: string[];
}

/** A pure function from one layout's stored data to the next; it throws rather than guess. */
export interface Migration {
  from: number;
  describe: string;
  migrate(stored: Readonly<Stored>): MigrationStep;
}

/** Version 1 to 2: each visit moves from the `visits` collection to its own key, with its index line. */
const visitsOneKeyEach: Migration = {
  from: 1,
  describe: 'visits stored one key each, with a visit index',
  migrate(stored) {
    const visits = stored.visits;
    const set: Stored = {};
    if (visits !== undefined && !isRecord(visits)) {
      // A damaged whole value is kept aside, never dropped, as the writer does with any collection.
      set[setAsideKey] = { ...(isRecord(stored[setAsideKey]) ? stored[setAsideKey] : {}), 'local:visits': visits };
    }
    const index: Stored = isRecord(stored.visitIndex) ? { ...stored.visitIndex } : {};
    for (const [id, raw] of Object.entries(isRecord(visits) ? visits : {})) {
      // Moved as stored, unknown fields and all; a damaged visit moves too and shows as damaged.
      set[visitKey(id)] = raw;
      const visit = v.safeParse(VisitSchema, raw);
      if (visit.success) index[id] = indexEntry(visit.output);
    }
    set.visitIndex = index;
    set.visitIndex$ = { v: 1 };
    return { set, remove: ['visits', 'visits$'] };
  },
};

export const migrations: readonly Migration[] = [visitsOneKeyEach];

/** The layout the stored data is in; data from before the marker existed is told by its keys. */
export function storedLayoutVersion(stored: Readonly<Stored>): number {
  const marker = stored[storageVersionKey];
  if (isRecord(marker) && typeof marker.v === 'number') return marker.v;
  return 'visits' in stored || 'visits$' in stored ? 1 : STORAGE_VERSION;
}

export type MigrationPlan =
  | { kind: 'current' }
  | { kind: 'newer'; version: number }
  | { kind: 'migrate'; from: number; step: MigrationStep }
  | { kind: 'failed'; from: number; problem: string };

/** The whole path from the stored layout to the current one, worked out in memory: nothing is written here. */
export function planMigration(stored: Readonly<Stored>, list: readonly Migration[] = migrations): MigrationPlan {
  const from = storedLayoutVersion(stored);
  if (from > STORAGE_VERSION) return { kind: 'newer', version: from };
  if (from === STORAGE_VERSION) return { kind: 'current' };
  let state: Stored = { ...stored };
  const set: Stored = {};
  const remove = new Set<string>();
  for (let version = from; version < STORAGE_VERSION; version++) {
    const migration = list.find((candidate) => candidate.from === version);
    if (!migration) return { kind: 'failed', from, problem: i18n.t('storage.migrationMissing', [version]) };
    let step: MigrationStep;
    try {
      step = migration.migrate(state);
    } catch (error) {
      return { kind: 'failed', from, problem: `${migration.describe}: ${error instanceof Error ? error.message : String(error)}` };
    }
    state = { ...state, ...step.set };
    for (const key of step.remove) delete state[key];
    Object.assign(set, step.set);
    for (const key of step.remove) remove.add(key);
    for (const key of Object.keys(step.set)) remove.delete(key);
  }
  return { kind: 'migrate', from, step: { set: { ...set, [storageVersionKey]: { v: STORAGE_VERSION } }, remove: [...remove] } };
}

/** What the therapist reads when stored data could not be updated; writes stay refused until it is sorted out. */
export function migrationRefusal(problem: string): string {
  return i18n.t('storage.migrationRefused', [problem]);
}

interface LocalArea {
  get(keys: null): Promise<Stored>;
  set(items: Stored): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Brings local storage to the current layout before the writer accepts any change. The new keys
 * go in one storage call (all or nothing); the old ones are removed only after that succeeded, so
 * a worker stopped in between leaves the old data beside the new, never less. Returns the refusal
 * to give every write when the update failed, or null.
 */
export async function migrateStorage(local: LocalArea, list: readonly Migration[] = migrations): Promise<string | null> {
  const stored = await local.get(null);
  const plan = planMigration(stored, list);
  switch (plan.kind) {
    case 'current':
      if (!(storageVersionKey in stored)) await local.set({ [storageVersionKey]: { v: STORAGE_VERSION } });
      return null;
    case 'newer':
      // Each collection's reader shows newer data read-only and the writer refuses to change it.
      return null;
    case 'failed':
      return migrationRefusal(plan.problem);
    case 'migrate':
      try {
        await local.set(plan.step.set);
      } catch (error) {
        return migrationRefusal(i18n.t('storage.migrationNotStored', [error instanceof Error ? error.message : String(error)]));
      }
      await local.remove(plan.step.remove).catch(() => undefined);
      return null;
  }
}
