import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyNotes, PatientSchema, SitePrefsSchema, type Patient } from '@/utils/model';
import { loadStored, readCollection, readEntries, SCHEMA_VERSION, versionOf } from '@/utils/storage';

function patient(id: string, preferredName = 'Dana'): Patient {
  return { id, createdAt: 1, updatedAt: 2, notes: { ...emptyNotes(), preferredName } };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('readEntries', () => {
  it('reads valid entries', () => {
    const read = readEntries({ a: patient('a'), b: patient('b', 'Sam') }, PatientSchema, SCHEMA_VERSION);
    expect(read).toEqual({ entries: { a: patient('a'), b: patient('b', 'Sam') }, unreadable: [], problem: null });
  });

  it('fills note fields an older entry did not have', () => {
    const { notes: _notes, ...rest } = patient('a');
    const read = readEntries({ a: { ...rest, notes: { preferredName: 'Dana' } } }, PatientSchema, SCHEMA_VERSION);
    expect(read.entries.a?.notes).toEqual({ ...emptyNotes(), preferredName: 'Dana' });
  });

  it('reports a damaged entry as unreadable and still reads the others', () => {
    const read = readEntries(
      { good: patient('good'), bad: { id: 'bad', notes: 'not notes' }, alsoGood: patient('alsoGood') },
      PatientSchema,
      SCHEMA_VERSION,
    );
    expect(Object.keys(read.entries).sort()).toEqual(['alsoGood', 'good']);
    expect(read.unreadable).toEqual(['bad']);
    expect(read.problem).toBeNull();
  });

  it('reports every damaged entry', () => {
    const read = readEntries({ x: null, y: 42, z: patient('z') }, PatientSchema, SCHEMA_VERSION);
    expect(read.unreadable.sort()).toEqual(['x', 'y']);
    expect(Object.keys(read.entries)).toEqual(['z']);
  });

  it.each([
    ['a string', 'patients'],
    ['an array', [patient('a')]],
    ['a number', 7],
    ['a boolean', true],
  ])('reports %s as notARecord', (_what, raw) => {
    expect(readEntries(raw, PatientSchema, SCHEMA_VERSION)).toEqual({ entries: {}, unreadable: [], problem: 'notARecord' });
  });

  it('reads nothing stored as an empty collection', () => {
    expect(readEntries(undefined, PatientSchema, SCHEMA_VERSION)).toEqual({ entries: {}, unreadable: [], problem: null });
    expect(readEntries(null, PatientSchema, SCHEMA_VERSION)).toEqual({ entries: {}, unreadable: [], problem: null });
  });

  it('marks data saved by a newer schema version, reading what this schema knows of it to show read-only', () => {
    expect(readEntries({ a: { ...patient('a'), futureField: 1 } }, PatientSchema, SCHEMA_VERSION + 1)).toEqual({
      entries: { a: patient('a') },
      unreadable: [],
      problem: 'newerVersion',
    });
    expect(readEntries('a newer shape', PatientSchema, SCHEMA_VERSION + 1).problem).toBe('newerVersion');
  });

  it('validates against the schema it is given', () => {
    const read = readEntries({ meet: { edge: 'top', inset: 0, top: 0, collapsed: false } }, SitePrefsSchema, SCHEMA_VERSION);
    expect(read.unreadable).toEqual(['meet']);
  });
});

describe('readCollection', () => {
  it('reads an empty collection when nothing is stored', async () => {
    expect(await readCollection('patients')).toEqual({ entries: {}, unreadable: [], problem: null });
  });

  it('reads the stored entries of a collection', async () => {
    await fakeBrowser.storage.local.set({ patients: { a: patient('a') } });
    expect(await readCollection('patients')).toEqual({ entries: { a: patient('a') }, unreadable: [], problem: null });
  });

  it('reads session collections from session storage', async () => {
    await fakeBrowser.storage.session.set({ callTabs: { 7: { siteId: 'meet', meetingKey: 'meet:abc-defg-hij', phase: 'inCall' } } });
    const read = await readCollection('callTabs');
    expect(read.entries['7']).toEqual({ siteId: 'meet', meetingKey: 'meet:abc-defg-hij', phase: 'inCall' });
  });

  it('reports a damaged entry while reading the others', async () => {
    await fakeBrowser.storage.local.set({ patients: { a: patient('a'), b: { id: 'b' } } });
    const read = await readCollection('patients');
    expect(Object.keys(read.entries)).toEqual(['a']);
    expect(read.unreadable).toEqual(['b']);
  });

  it.each([
    ['a string', 'oops'],
    ['an array', [1, 2]],
    ['a number', 3],
  ])('reports a stored value that is %s as notARecord', async (_what, value) => {
    await fakeBrowser.storage.local.set({ patients: value });
    expect((await readCollection('patients')).problem).toBe('notARecord');
  });

  it('reports newerVersion when the meta key carries a newer version', async () => {
    await fakeBrowser.storage.local.set({ patients: { a: patient('a') }, patients$: { v: SCHEMA_VERSION + 1 } });
    expect((await loadStored(['patients'])).get('patients')?.version).toBe(SCHEMA_VERSION + 1);
    expect(await readCollection('patients')).toEqual({ entries: { a: patient('a') }, unreadable: [], problem: 'newerVersion' });
  });

  it('reads data stored with the current version', async () => {
    await fakeBrowser.storage.local.set({ patients: { a: patient('a') }, patients$: { v: SCHEMA_VERSION } });
    expect((await readCollection('patients')).entries).toEqual({ a: patient('a') });
  });

  it('assumes the current version when the meta key is missing or unusable', async () => {
    expect((await loadStored(['patients'])).get('patients')?.version).toBe(SCHEMA_VERSION);
    await fakeBrowser.storage.local.set({ patients$: { v: 'two' } });
    expect((await loadStored(['patients'])).get('patients')?.version).toBe(SCHEMA_VERSION);
    expect(versionOf(null)).toBe(SCHEMA_VERSION);
  });

  it('reads every collection of an area in one storage call', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await loadStored(['patients', 'visitIndex', 'meetings', 'sitePrefs']);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reads each collection on its own: a newer version of one does not hide another', async () => {
    await fakeBrowser.storage.local.set({ patients$: { v: SCHEMA_VERSION + 1 }, sitePrefs: { meet: { edge: 'left', inset: 8, top: 8, collapsed: true } } });
    expect((await readCollection('sitePrefs')).entries.meet).toEqual({ edge: 'left', inset: 8, top: 8, collapsed: true });
  });
});
