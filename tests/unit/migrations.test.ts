import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore, StoreError } from '@/utils/background-store';
import { migrateStorage, migrations, planMigration, STORAGE_VERSION, storedLayoutVersion, type Migration } from '@/utils/migrations';
import { readCollection, readVisitRecord } from '@/utils/storage';

/** Stored data exactly as each earlier layout wrote it, and what the current layout holds after the update. */
const fixture = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/storage', name), 'utf8')) as Record<string, unknown>;
const layout1 = fixture('layout-1.json');
const layout2 = fixture('layout-2.json');

beforeEach(() => fakeBrowser.reset());

/** Applies a plan the way migrateStorage does: set, then remove. */
function applied(stored: Record<string, unknown>): Record<string, unknown> {
  const plan = planMigration(stored);
  if (plan.kind !== 'migrate') throw new Error(`expected a migration, got ${plan.kind}`);
  const after = { ...stored, ...plan.step.set };
  for (const key of plan.step.remove) delete after[key];
  return after;
}

describe('storage layout migrations (pure)', () => {
  it('tells each layout by its marker, or by its keys before the marker existed', () => {
    expect(storedLayoutVersion(layout1)).toBe(1);
    expect(storedLayoutVersion(layout2)).toBe(2);
    expect(storedLayoutVersion({})).toBe(STORAGE_VERSION);
    expect(storedLayoutVersion({ patients: {}, visitIndex: {} })).toBe(STORAGE_VERSION);
    expect(storedLayoutVersion({ storageVersion: { v: 9 } })).toBe(9);
  });

  it('has a migration from every earlier layout', () => {
    for (let version = 1; version < STORAGE_VERSION; version++) expect(migrations.some((m) => m.from === version)).toBe(true);
  });

  it('turns the layout-1 fixture into the layout-2 fixture', () => {
    expect(applied(layout1)).toEqual(layout2);
  });

  it('moves every visit as stored, damaged ones too, and leaves everything else alone', () => {
    const after = applied(layout1);
    for (const [id, visit] of Object.entries(layout1.visits as Record<string, unknown>)) expect(after[`visit:${id}`]).toEqual(visit);
    expect(readVisitRecord(after['visit:v-damaged'])).toBe('damaged');
    expect(Object.keys(after.visitIndex as object).sort()).toEqual(['v-finished', 'v-open']);
    for (const key of ['patients', 'patients$', 'meetings', 'meetings$', 'sitePrefs', 'sitePrefs$']) expect(after[key]).toEqual(layout1[key]);
    expect(after).not.toHaveProperty('visits');
  });

  it('keeps a damaged visits value aside instead of dropping it', () => {
    const after = applied({ visits: 'garbled', visits$: { v: 1 } });
    expect(after.setAside).toEqual({ 'local:visits': 'garbled' });
  });

  it('is pure: the stored data it was given is not changed', () => {
    const copy = structuredClone(layout1);
    planMigration(layout1);
    expect(layout1).toEqual(copy);
  });
});

describe('migrateStorage: the update as the background runs it', () => {
  const local = () => fakeBrowser.storage.local;

  it('updates layout-1 data in place and stamps the version; running again changes nothing', async () => {
    await local().set(layout1);
    expect(await migrateStorage(local())).toBeNull();
    expect(await local().get(null)).toEqual(layout2);
    expect(await migrateStorage(local())).toBeNull();
    expect(await local().get(null)).toEqual(layout2);
    const index = await readCollection('visitIndex');
    expect(Object.keys(index.entries)).toHaveLength(2);
  });

  it('stamps a fresh profile with the current version', async () => {
    expect(await migrateStorage(local())).toBeNull();
    expect(await local().get(null)).toEqual({ storageVersion: { v: STORAGE_VERSION } });
  });

  it('a migration that fails writes nothing, keeps the old data, and refuses every change with a plain message', async () => {
    await local().set(layout1);
    const failing: Migration = {
      from: 1,
      describe: 'a broken update',
      migrate: () => {
        throw new Error('unexpected visit shape');
      },
    };
    const store = createBackgroundStore({ now: () => 0 });
    const problem = await store.holdWritesUntil(migrateStorage(local(), [failing]));
    expect(problem).toContain('could not update your saved data to this version (a broken update: unexpected visit shape)');
    expect(await local().get(null)).toEqual(layout1);
    await expect(store.transact(['sitePrefs'], (tx) => tx.put('sitePrefs', 'zoom', { edge: 'left', inset: 0, top: 0, collapsed: true }))).rejects.toThrow(StoreError);
    expect(await local().get(null)).toEqual(layout1);
  });

  it('holds changes until the update is done, then lets them through', async () => {
    await local().set(layout1);
    const store = createBackgroundStore({ now: () => 0 });
    let finish!: (problem: string | null) => void;
    void store.holdWritesUntil(new Promise((resolve) => (finish = resolve)));
    const change = store.transact(['sitePrefs'], (tx) => tx.put('sitePrefs', 'zoom', { edge: 'left', inset: 0, top: 0, collapsed: true }));
    await Promise.resolve();
    expect((await local().get('sitePrefs')).sitePrefs).not.toHaveProperty('zoom');
    finish(await migrateStorage(local()));
    await change;
    expect((await local().get('sitePrefs')).sitePrefs).toHaveProperty('zoom');
  });

  it('a newer layout is left alone (each collection reads it read-only)', async () => {
    await local().set({ storageVersion: { v: STORAGE_VERSION + 1 }, visits: {} });
    expect(await migrateStorage(local())).toBeNull();
    expect(await local().get(null)).toEqual({ storageVersion: { v: STORAGE_VERSION + 1 }, visits: {} });
  });
});
