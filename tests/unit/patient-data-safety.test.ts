import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore, storageSpaceEntry } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { PanelToBackground, Reply } from '@/utils/messages';
import { retentionCutoff } from '@/utils/retention';
import { readCollection, visitKey } from '@/utils/storage';
import { LOCAL_QUOTA_BYTES, storageNearlyFullNotice } from '@/utils/storage-limits';
import { errorOf, valueOf } from '../support/replies';

const DANA_MEETING = 'meet:abc-defg-hij';
const SAM_MEETING = 'zoom:123456789';
const T0 = Date.UTC(2024, 0, 15);
const DAY = 24 * 60 * 60 * 1000;

let clock = T0;
let ids = 0;
let handlers: ReturnType<typeof createHandlers>;
let store: ReturnType<typeof createBackgroundStore>;

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

function fromPanel(message: PanelToBackground): Promise<Reply> {
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  return handlers.handleMessage(message, sender);
}

async function openVisit(meetingKey: string): Promise<string> {
  return valueOf<string>(await fromPanel({ type: 'visit/open', meetingKey }));
}

/** A finished visit with the meeting's patient, ended at `endedAt`. */
async function finishedVisit(meetingKey: string, endedAt: number): Promise<string> {
  const visitId = await openVisit(meetingKey);
  valueOf(await fromPanel({ type: 'visit/end', visitId, at: endedAt }));
  return visitId;
}

async function local(): Promise<Record<string, unknown>> {
  return structuredClone(await fakeBrowser.storage.local.get());
}

/** Dana: two finished visits and one open; Sam: one finished visit; cue settings stored too. */
async function twoPatients() {
  const danaFirst = await openVisit(DANA_MEETING);
  const dana = valueOf<string>(await fromPanel({ type: 'patient/create', visitId: danaFirst, preferredName: 'Dana' }));
  valueOf(await fromPanel({ type: 'visit/end', visitId: danaFirst, at: T0 + 1_000 }));
  const danaSecond = await finishedVisit(DANA_MEETING, T0 + 2_000);
  const danaOpen = await openVisit(DANA_MEETING);
  const samVisit = await openVisit(SAM_MEETING);
  const sam = valueOf<string>(await fromPanel({ type: 'patient/create', visitId: samVisit, preferredName: 'Sam' }));
  valueOf(await fromPanel({ type: 'visit/end', visitId: samVisit, at: T0 + 3_000 }));
  valueOf(await fromPanel({ type: 'settings/cues', cues: { checkIn: false } }));
  return { dana, sam, danaVisits: [danaFirst, danaSecond, danaOpen], samVisit };
}

describe('patient/delete', () => {
  it('removes the patient, their visits, index and directory lines and meeting mentions, and keeps everything else byte-identical', async () => {
    const { dana, sam, danaVisits, samVisit } = await twoPatients();
    const before = await local();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const remove = vi.spyOn(fakeBrowser.storage.local, 'remove');

    expect(valueOf(await fromPanel({ type: 'patient/delete', patientId: dana }))).toBe(3);

    expect(set).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledTimes(1);
    const after = await local();
    const removedKeys = danaVisits.map(visitKey);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).filter((key) => !removedKeys.includes(key)).sort());
    const changed = ['patients', 'visitIndex', 'patientDirectory', 'meetings'];
    for (const key of Object.keys(after).filter((key) => !changed.includes(key))) expect(JSON.stringify(after[key])).toBe(JSON.stringify(before[key]));
    const without = (record: unknown, ...gone: string[]) =>
      JSON.stringify(Object.fromEntries(Object.entries(record as Record<string, unknown>).filter(([id]) => !gone.includes(id))));
    expect(JSON.stringify(after.patients)).toBe(without(before.patients, dana));
    expect(JSON.stringify(after.patientDirectory)).toBe(without(before.patientDirectory, dana));
    expect(JSON.stringify(after.visitIndex)).toBe(without(before.visitIndex, ...danaVisits));
    expect(after.meetings).toEqual({
      [DANA_MEETING]: { patientId: null, openVisitId: null },
      [SAM_MEETING]: (before.meetings as Record<string, unknown>)[SAM_MEETING],
    });
    expect(Object.keys((await readCollection('visitIndex')).entries)).toEqual([samVisit]);
    expect(Object.keys((await readCollection('patients')).entries)).toEqual([sam]);
  });

  it('finds a visit whose index line is damaged or missing from the visit record itself', async () => {
    const { dana, danaVisits, samVisit } = await twoPatients();
    const [damagedLine, missingLine] = danaVisits as [string, string, string];
    const { visitIndex } = (await local()) as { visitIndex: Record<string, unknown> };
    const { [missingLine]: _gone, ...kept } = visitIndex;
    await fakeBrowser.storage.local.set({ visitIndex: { ...kept, [damagedLine]: { id: damagedLine, patientId: 42 } } });

    expect(valueOf(await fromPanel({ type: 'patient/delete', patientId: dana }))).toBe(3);
    const after = await local();
    for (const id of danaVisits) expect(after[visitKey(id)]).toBeUndefined();
    expect(Object.keys(after.visitIndex as object)).toEqual([samVisit]);
    expect(after[visitKey(samVisit)]).toMatchObject({ id: samVisit });
  });

  it('refuses a patient that is not stored and changes nothing', async () => {
    await twoPatients();
    const before = await local();
    expect(errorOf(await fromPanel({ type: 'patient/delete', patientId: 'p-nobody' }))).toMatch(/no longer stored/);
    expect(await local()).toEqual(before);
  });
});

describe('automatic removal of old visits', () => {
  it('is off by default: starting up removes nothing and writes nothing', async () => {
    await twoPatients();
    clock = T0 + 10 * 365 * DAY;
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await handlers.applyRetention()).toBe(0);
    expect(set).not.toHaveBeenCalled();
  });

  it('removes only finished visits that ended before the cutoff, with their index lines and directory counts', async () => {
    const { dana, danaVisits, samVisit } = await twoPatients();
    const [danaOld, danaOlder, danaOpen] = danaVisits as [string, string, string];
    clock = T0 + 200 * DAY;
    // A recent visit of Dana's on another link; the open one on her usual link has been open since T0.
    const recent = await openVisit('meet:xyz-abcd-efg');
    valueOf(await fromPanel({ type: 'visit/assignPatient', visitId: recent, patientId: dana }));
    valueOf(await fromPanel({ type: 'visit/end', visitId: recent, at: clock }));
    // Sam's visit ended 3 s after Dana's, so a cutoff between them separates them.
    clock = retentionCutoff(-6, T0 + 2_500);

    expect(valueOf(await fromPanel({ type: 'settings/retention', months: 6 }))).toBe(2);

    const index = (await readCollection('visitIndex')).entries;
    expect(Object.keys(index).sort()).toEqual([danaOpen, recent, samVisit].sort());
    const stored = await local();
    expect(stored[visitKey(danaOld)]).toBeUndefined();
    expect(stored[visitKey(danaOlder)]).toBeUndefined();
    expect(stored[visitKey(danaOpen)]).toMatchObject({ endedAt: null });
    expect((await readCollection('patientDirectory')).entries[dana]).toMatchObject({ visits: 1, lastVisitAt: T0 + 200 * DAY });
    expect((await readCollection('settings')).entries.retention).toEqual({ months: 6, lastRemoval: { at: clock, visits: 2 } });
  });

  it('applies the setting again when the background starts, and keeps the last count when nothing is due', async () => {
    const { samVisit } = await twoPatients();
    valueOf(await fromPanel({ type: 'settings/retention', months: 12 }));
    expect((await readCollection('settings')).entries.retention).toEqual({ months: 12, lastRemoval: null });

    clock = T0 + 2 * 365 * DAY;
    expect(await handlers.applyRetention()).toBe(3);
    expect(Object.keys((await readCollection('visitIndex')).entries)).toHaveLength(1);
    expect((await readCollection('visitIndex')).entries[samVisit]).toBeUndefined();

    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await handlers.applyRetention()).toBe(0);
    expect(set).not.toHaveBeenCalled();
    expect((await readCollection('settings')).entries.retention).toEqual({ months: 12, lastRemoval: { at: clock, visits: 3 } });
  });

  it('counts what a period would remove before it is chosen, visits with a damaged index line included, and changes nothing', async () => {
    const { danaVisits } = await twoPatients();
    const { visitIndex } = (await local()) as { visitIndex: Record<string, unknown> };
    await fakeBrowser.storage.local.set({ visitIndex: { ...visitIndex, [danaVisits[0]!]: 'damaged' } });
    const before = await local();
    clock = T0 + 2 * 365 * DAY;
    expect(valueOf(await fromPanel({ type: 'settings/retentionPreview', months: 12 }))).toBe(3);
    expect(valueOf(await fromPanel({ type: 'settings/retentionPreview', months: 60 }))).toBe(0);
    expect(await local()).toEqual(before);

    expect(valueOf(await fromPanel({ type: 'settings/retention', months: 12 }))).toBe(3);
    expect(Object.keys(await local()).filter((key) => key.startsWith('visit:'))).toEqual([visitKey(danaVisits[2]!)]);
  });

  it('refuses a period that is not offered', async () => {
    expect(errorOf(await fromPanel({ type: 'settings/retention', months: 1 } as never))).toMatch(/did not expect/);
  });
});

describe('storage limits', () => {
  it('tries a write again when it fails for a passing reason, and saves it', async () => {
    const visitId = await openVisit(DANA_MEETING);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('IO error: LevelDB write failed'));
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }));
    expect(set).toHaveBeenCalledTimes(2);
    expect((await local())[visitKey(visitId)]).toMatchObject({ checked: { recap: T0 } });
  });

  it('gives up after three tries and says so plainly, changing nothing', async () => {
    const visitId = await openVisit(DANA_MEETING);
    const before = await local();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('IO error'));
    expect(errorOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }))).toMatch(/three times.*still on screen/);
    expect(set).toHaveBeenCalledTimes(3);
    set.mockRestore();
    expect(await local()).toEqual(before);
  });

  it('does not retry a full store, and says what to do', async () => {
    const visitId = await openVisit(DANA_MEETING);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const error = errorOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }));
    expect(set).toHaveBeenCalledTimes(1);
    expect(error).toMatch(/storage for Rapport is full/);
    expect(error).toMatch(/export a backup/);
  });

  it('warns once a write leaves local storage more than 80% full, and stops warning when it is not', async () => {
    let used = Math.round(LOCAL_QUOTA_BYTES * 0.79);
    fakeBrowser.storage.local.getBytesInUse = vi.fn(async () => used) as never;
    const health = async () => (await fakeBrowser.storage.session.get('storageHealth')).storageHealth as Record<string, unknown> | undefined;
    const visitId = await openVisit(DANA_MEETING);
    expect(await health()).toBeUndefined();

    used = Math.round(LOCAL_QUOTA_BYTES * 0.81);
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }));
    expect((await readCollection('storageHealth')).entries).toEqual({ [storageSpaceEntry]: { problem: storageNearlyFullNotice() } });

    used = Math.round(LOCAL_QUOTA_BYTES * 0.5);
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: false, at: T0 }));
    expect(await health()).toEqual({});
  });
});
