import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { earlyReadKeys } from '@/entrypoints/options-early';
import { lockSettingsKey } from '@/utils/lock';
import { firstCollections } from '@/utils/early-read';
import { createBackgroundStore } from '@/utils/background-store';
import { classifySender, createHandlers } from '@/utils/background-handlers';
import { makeBackup } from '@/utils/backup';
import { indexEntry } from '@/utils/history';
import type { PanelToBackground, Reply } from '@/utils/messages';
import { emptyNotes, newVisit, type Patient, type Visit, type VisitIndexEntry } from '@/utils/model';
import {
  directoryEntry,
  firstByName,
  matchingRows,
  patientDirectory,
  sortedDirectory,
  visitStats,
  type DirectoryEntry,
} from '@/utils/patient-directory';
import { collections, readCollection, setAsideKey, visitKey } from '@/utils/storage';

const MEETING = 'meet:abc-defg-hij';
const T0 = 1_700_000_000_000;

function patient(id: string, preferredName: string): Patient {
  return { id, createdAt: 1, updatedAt: 1, notes: { ...emptyNotes(), preferredName } };
}

function finished(id: string, patientId: string | null, endedAt: number): Visit {
  return { ...newVisit(id, MEETING, patientId, endedAt - 60_000), startedAt: endedAt - 60_000, endedAt };
}

function line(visit: Visit): VisitIndexEntry {
  return indexEntry(visit);
}

describe('deriving the directory', () => {
  it('counts each patient’s finished visits and keeps the latest end, ignoring open, unassigned and unreadable lines', () => {
    const lines: unknown[] = [
      line(finished('v1', 'p-ada', T0)),
      line(finished('v2', 'p-ada', T0 + 5_000)),
      line(finished('v3', 'p-ada', T0 - 5_000)),
      line({ ...finished('v4', 'p-ada', T0 + 9_000), endedAt: null }),
      line(finished('v5', null, T0)),
      line(finished('v6', 'p-ben', T0 + 1)),
      'garbled',
      null,
      { patientId: 'p-ben', endedAt: 'yesterday' },
    ];
    const stats = visitStats(lines);
    expect(stats.get('p-ada')).toEqual({ visits: 3, lastVisitAt: T0 + 5_000 });
    expect(stats.get('p-ben')).toEqual({ visits: 1, lastVisitAt: T0 + 1 });
    expect(stats.size).toBe(2);
  });

  it('gives every patient a line, with no visits for those without any', () => {
    const patients = { 'p-ada': patient('p-ada', 'Ada'), 'p-ben': patient('p-ben', 'Ben') };
    expect(patientDirectory(patients, [line(finished('v1', 'p-ada', T0))])).toEqual({
      'p-ada': { preferredName: 'Ada', visits: 1, lastVisitAt: T0 },
      'p-ben': { preferredName: 'Ben', visits: 0, lastVisitAt: null },
    });
    expect(directoryEntry(patient('p-cy', 'Cy'))).toEqual({ preferredName: 'Cy', visits: 0, lastVisitAt: null });
  });

  it('lists by name and finds a name by any part of it, whatever the case', () => {
    const entry = (preferredName: string): DirectoryEntry => ({ preferredName, visits: 0, lastVisitAt: null });
    const rows = sortedDirectory({ a: entry('Émile'), b: entry('ada'), c: entry('Zoe'), d: entry('Bea') });
    expect(rows.map((row) => row.preferredName)).toEqual(['ada', 'Bea', 'Émile', 'Zoe']);
    expect(rows[0]).toEqual({ id: 'b', preferredName: 'ada', visits: 0, lastVisitAt: null });
    expect(matchingRows(rows, '  MIL ').map((row) => row.id)).toEqual(['a']);
    expect(matchingRows(rows, '')).toBe(rows);
  });

  it('picks the first rows by name as the full sort orders them, ties in the order listed', () => {
    const names = ['Zoe', 'ada', 'Émile', 'Bea', 'ada', 'Ünal', 'bea', 'Cy', 'Émile', 'Al', 'Zoe', 'al'];
    const directory: Record<string, DirectoryEntry> = {};
    names.forEach((preferredName, i) => (directory[`p${i}`] = { preferredName, visits: i, lastVisitAt: null }));
    const sorted = sortedDirectory(directory);
    for (const count of [0, 1, 3, 5, names.length, names.length + 4]) expect(firstByName(directory, count)).toEqual(sorted.slice(0, count));
  });

  it('is read by the options page’s early script under the keys storage uses', () => {
    expect(firstCollections).toContain('patientDirectory');
    const keys = firstCollections.flatMap((name) => [collections[name].key, collections[name].metaKey]);
    expect([...earlyReadKeys].sort()).toEqual([...keys, setAsideKey, lockSettingsKey].sort());
  });
});

// --- Kept by the background -------------------------------------------------------------------

let clock = T0;
let ids = 0;
let store: ReturnType<typeof createBackgroundStore>;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
  ids = 0;
  const now = () => clock;
  store = createBackgroundStore({ now });
  handlers = createHandlers(store, { now, newId: () => `id-${++ids}` });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function panelSender(): Parameters<typeof classifySender>[0] {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html'), tab: { id: 7 }, frameId: 0 };
}

async function send<T>(message: PanelToBackground): Promise<T> {
  const reply: Reply = await handlers.handleMessage(message, panelSender());
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

async function directory(): Promise<Record<string, DirectoryEntry>> {
  return (await readCollection('patientDirectory')).entries;
}

/** The directory as derived from what is stored now: what the background must have written. */
async function derived(): Promise<Record<string, DirectoryEntry>> {
  return patientDirectory((await readCollection('patients')).entries, Object.values((await readCollection('visitIndex')).entries));
}

async function visitWithPatient(name: string, meetingKey = MEETING): Promise<{ visitId: string; patientId: string }> {
  const visitId = await send<string>({ type: 'visit/open', meetingKey });
  const patientId = await send<string>({ type: 'patient/create', visitId, preferredName: name });
  return { visitId, patientId };
}

describe('the background keeps the directory with every write', () => {
  it('adds a patient created in a visit, in the same storage call as the patient', async () => {
    const visitId = await send<string>({ type: 'visit/open', meetingKey: MEETING });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const patientId = await send<string>({ type: 'patient/create', visitId, preferredName: 'Dana' });
    expect(set).toHaveBeenCalledTimes(1);
    expect(set.mock.calls[0]![0]).toMatchObject({ patients: expect.anything(), patientDirectory: expect.anything(), 'patientDirectory$': { v: 1 } });
    expect(await directory()).toEqual({ [patientId]: { preferredName: 'Dana', visits: 0, lastVisitAt: null } });
  });

  it('follows a new preferred name, and leaves the directory alone (unread index, unwritten directory) when other notes change', async () => {
    const { patientId } = await visitWithPatient('Dana');
    await send({ type: 'patient/updateNotes', patientId, notes: { preferredName: { value: 'Dani', base: 'Dana' } } });
    expect((await directory())[patientId]?.preferredName).toBe('Dani');

    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await send({ type: 'patient/updateNotes', patientId, notes: { hobbies: { value: 'choir', base: '' } } });
    const keysRead = get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys]));
    expect(keysRead).not.toContain('visitIndex');
    expect(Object.keys(set.mock.calls[0]![0])).not.toContain('patientDirectory');
    expect(await directory()).toEqual(await derived());
  });

  it('counts a visit when it ends, with its end time', async () => {
    const { visitId, patientId } = await visitWithPatient('Dana');
    await send({ type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: true, at: T0 + 1 });
    expect((await directory())[patientId]).toEqual({ preferredName: 'Dana', visits: 0, lastVisitAt: null });
    await send({ type: 'visit/end', visitId, at: T0 + 60_000 });
    expect((await directory())[patientId]).toEqual({ preferredName: 'Dana', visits: 1, lastVisitAt: T0 + 60_000 });

    // The next visit on the same link is with the same patient; a tick in it neither reads nor rewrites the directory.
    const next = await send<string>({ type: 'visit/open', meetingKey: MEETING });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await send({ type: 'checklist/tick', visitId: next, itemId: 'greet-by-name', checked: true, at: T0 + 70_000 });
    expect(get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys]))).not.toContain('patientDirectory');
    expect(Object.keys(set.mock.calls[0]![0])).not.toContain('patientDirectory');
    await send({ type: 'visit/end', visitId: next, at: T0 + 90_000 });
    expect((await directory())[patientId]).toEqual({ preferredName: 'Dana', visits: 2, lastVisitAt: T0 + 90_000 });
  });

  it('moves a finished visit’s count from one patient to the other when the visit is assigned again', async () => {
    const { visitId, patientId: dana } = await visitWithPatient('Dana');
    const { patientId: eli } = await visitWithPatient('Eli', 'zoom:123456789');
    await send({ type: 'visit/end', visitId, at: T0 + 60_000 });
    await send({ type: 'visit/assignPatient', visitId, patientId: eli });
    expect((await directory())[dana]).toEqual({ preferredName: 'Dana', visits: 0, lastVisitAt: null });
    expect((await directory())[eli]).toEqual({ preferredName: 'Eli', visits: 1, lastVisitAt: T0 + 60_000 });
    expect(await directory()).toEqual(await derived());
  });

  it('lists the patients a backup adds, with their visits', async () => {
    await visitWithPatient('Here');
    const backup = makeBackup(
      {
        patients: { 'p-sam': patient('p-sam', 'Sam') },
        visits: { 'v-old': finished('v-old', 'p-sam', T0 - 500), 'v-older': finished('v-older', 'p-sam', T0 - 5_000) },
        meetings: { 'zoom:123456789': { patientId: 'p-sam', openVisitId: null } },
        protocols: {},
      },
      T0,
    );
    await send({ type: 'backup/import', backup });
    expect((await directory())['p-sam']).toEqual({ preferredName: 'Sam', visits: 2, lastVisitAt: T0 - 500 });
    expect(await directory()).toEqual(await derived());
  });

  it('rebuilds the directory whole when the patients value was damaged and set aside', async () => {
    const { patientId } = await visitWithPatient('Dana');
    await fakeBrowser.storage.local.set({ patients: 'not a record {' });
    const { patientId: eli } = await visitWithPatient('Eli', 'zoom:123456789');
    expect(Object.keys(await directory())).toEqual([eli]);
    expect(patientId).not.toBe(eli);
  });
});

describe('checkDirectory, when the background starts', () => {
  /** Patients and visits as an earlier Rapport stored them: no directory. */
  async function storeWithoutDirectory() {
    const visits = [finished('v1', 'p-ada', T0), finished('v2', 'p-ada', T0 + 1_000), finished('v3', 'p-ben', T0)];
    await fakeBrowser.storage.local.set({
      patients: { 'p-ada': patient('p-ada', 'Ada'), 'p-ben': patient('p-ben', 'Ben'), 'p-cy': patient('p-cy', 'Cy') },
      'patients$': { v: 1 },
      visitIndex: Object.fromEntries(visits.map((visit) => [visit.id, indexEntry(visit)])),
      'visitIndex$': { v: 1 },
      ...Object.fromEntries(visits.map((visit) => [visitKey(visit.id), visit])),
    });
  }

  it('builds the directory for data stored before it existed, once', async () => {
    await storeWithoutDirectory();
    expect(await store.checkDirectory()).toBe(true);
    expect(await directory()).toEqual({
      'p-ada': { preferredName: 'Ada', visits: 2, lastVisitAt: T0 + 1_000 },
      'p-ben': { preferredName: 'Ben', visits: 1, lastVisitAt: T0 },
      'p-cy': { preferredName: 'Cy', visits: 0, lastVisitAt: null },
    });
    expect((await fakeBrowser.storage.local.get('patientDirectory$'))['patientDirectory$']).toEqual({ v: 1 });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await store.checkDirectory()).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });

  it('mends a directory that disagrees with the patients: a missing, a renamed and a removed patient', async () => {
    await storeWithoutDirectory();
    await fakeBrowser.storage.local.set({
      patientDirectory: {
        'p-ada': { preferredName: 'Ada', visits: 2, lastVisitAt: T0 + 1_000 },
        'p-ben': { preferredName: 'Benjamin', visits: 1, lastVisitAt: T0 },
        'p-gone': { preferredName: 'Gone', visits: 0, lastVisitAt: null },
        'p-cy': 'garbled',
      },
      'patientDirectory$': { v: 1 },
    });
    expect(await store.checkDirectory()).toBe(true);
    expect(await directory()).toEqual(await derived());
    expect(Object.keys(await directory()).sort()).toEqual(['p-ada', 'p-ben', 'p-cy']);
  });

  it('writes nothing on a fresh profile, and leaves data from a newer Rapport as it is', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await store.checkDirectory()).toBe(false);
    expect(set).not.toHaveBeenCalled();

    set.mockRestore();
    await storeWithoutDirectory();
    await fakeBrowser.storage.local.set({ 'patients$': { v: 99 } });
    expect(await store.checkDirectory()).toBe(false);
    expect((await fakeBrowser.storage.local.get('patientDirectory')).patientDirectory).toBeUndefined();
  });
});
