import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { classifySender, createHandlers } from '@/utils/background-handlers';
import type { ContentPlacement, ContentToBackground, PanelToBackground, Reply } from '@/utils/messages';
import { emptyNotes, newVisit, patientNoteFields, type CallTab, type Patient, type Visit } from '@/utils/model';
import { defaultSitePrefs } from '@/utils/panel-geometry';
import { makeBackup } from '@/utils/backup';
import { indexEntry } from '@/utils/history';
import { evidenceProtocol } from '@/utils/protocols';
import { storedVisit } from '../support/stored-visit';
import { readCollection, SCHEMA_VERSION, visitKey, visitRecords } from '@/utils/storage';

type Sender = Parameters<typeof classifySender>[0];

const MEETING = 'meet:abc-defg-hij';
const T0 = 1_700_000_000_000;

function panelSender(): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: { id: 7 }, frameId: 1 };
}

function contentSender(url = 'https://meet.google.com/abc-defg-hij', tabId = 7): Sender {
  return { id: fakeBrowser.runtime.id, url, tab: { id: tabId }, frameId: 0 };
}

let clock = T0;
let ids = 0;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
  ids = 0;
  const now = () => clock;
  handlers = createHandlers(createBackgroundStore({ now }), { now, newId: () => `id-${++ids}` });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function fromPanel(message: PanelToBackground): Promise<Reply> {
  return handlers.handleMessage(message, panelSender());
}

function fromContent(message: ContentToBackground, sender = contentSender()): Promise<Reply> {
  return handlers.handleMessage(message, sender);
}

async function openVisit(meetingKey = MEETING): Promise<string> {
  return valueOf<string>(await fromPanel({ type: 'visit/open', meetingKey }));
}

async function createPatient(visitId: string, preferredName = 'Dana'): Promise<string> {
  return valueOf<string>(await fromPanel({ type: 'patient/create', visitId, preferredName }));
}

/** Every stored visit (one storage key each), checked against the index the background keeps beside them. */
async function storedVisits(): Promise<Record<string, Visit>> {
  const everything = await fakeBrowser.storage.local.get();
  const visits: Record<string, Visit> = {};
  for (const [key, value] of Object.entries(everything)) {
    if (key.startsWith(visitRecords.prefix)) visits[key.slice(visitRecords.prefix.length)] = value as Visit;
  }
  const index = (await readCollection('visitIndex')).entries;
  expect(Object.keys(index).sort()).toEqual(Object.keys(visits).sort());
  for (const [id, visit] of Object.entries(visits)) expect(index[id]).toEqual(indexEntry(visit));
  return visits;
}

async function storedPatient(id: string): Promise<Patient> {
  const patient = (await readCollection('patients')).entries[id];
  if (!patient) throw new Error(`patient ${id} not stored`);
  return patient;
}

/** Everything in storage, deep-copied, to prove a refused message changed nothing. */
async function snapshot() {
  return structuredClone({ local: await fakeBrowser.storage.local.get(), session: await fakeBrowser.storage.session.get() });
}

function validPatient(id: string, preferredName: string): Patient {
  return { id, createdAt: 1, updatedAt: 1, notes: { ...emptyNotes(), preferredName } };
}

describe('senders', () => {
  it('treats the extension’s own page as the panel', () => {
    expect(classifySender(panelSender())).toEqual({ kind: 'extensionPage', tabId: 7 });
  });

  it('treats a top-frame script on a call site as that site’s content script', () => {
    expect(classifySender(contentSender())).toEqual({ kind: 'contentScript', tabId: 7, siteId: 'meet' });
    expect(classifySender(contentSender('https://us02web.zoom.us/wc/123456789/join', 9))).toEqual({ kind: 'contentScript', tabId: 9, siteId: 'zoom' });
  });

  it('answers panel/tabId with the panel’s tab, or null for a page outside any tab (the side panel)', async () => {
    expect(valueOf(await fromPanel({ type: 'panel/tabId' }))).toBe(7);
    const sidePanel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
    expect(valueOf(await handlers.handleMessage({ type: 'panel/tabId' }, sidePanel))).toBeNull();
  });

  it.each<[string, Sender]>([
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/panel.html', tab: { id: 7 }, frameId: 1 }],
    ['another extension on a call site', { id: 'other-extension', url: 'https://meet.google.com/abc-defg-hij', tab: { id: 7 }, frameId: 0 }],
    ['a sender without a URL', { id: 'test-extension-id', tab: { id: 7 }, frameId: 0 }],
    ['a sender without an id', { url: 'https://meet.google.com/abc-defg-hij', tab: { id: 7 }, frameId: 0 }],
    ['a content script in a sub-frame', { id: 'test-extension-id', url: 'https://meet.google.com/abc-defg-hij', tab: { id: 7 }, frameId: 3 }],
    ['a content script outside a tab', { id: 'test-extension-id', url: 'https://meet.google.com/abc-defg-hij', frameId: 0 }],
    ['a page that is not a call site', { id: 'test-extension-id', url: 'https://example.com/', tab: { id: 7 }, frameId: 0 }],
    ['a look-alike call host', { id: 'test-extension-id', url: 'https://meet.google.com.evil.com/abc-defg-hij', tab: { id: 7 }, frameId: 0 }],
  ])('refuses %s', async (_what, sender) => {
    expect(fakeBrowser.runtime.id).toBe('test-extension-id');
    expect(classifySender(sender)).toBeNull();
    const before = await snapshot();
    for (const message of [
      { type: 'visit/open', meetingKey: MEETING },
      { type: 'content/callState', state: { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' } },
      { type: 'content/savePosition', siteId: 'meet', prefs: { edge: 'left', inset: 40, top: 120 } },
    ]) {
      errorOf(await handlers.handleMessage(message, sender));
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses panel messages from a content script and changes nothing', async () => {
    const visitId = await openVisit();
    const before = await snapshot();
    const messages: PanelToBackground[] = [
      { type: 'patient/create', visitId, preferredName: 'Mallory' },
      { type: 'visit/open', meetingKey: 'meet:xyz-wxyz-xyz' },
      { type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: true, at: T0 },
      { type: 'sitePrefs/update', siteId: 'meet', prefs: { collapsed: true } },
    ];
    for (const message of messages) errorOf(await handlers.handleMessage(message, contentSender()));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses content-script messages from the panel', async () => {
    const reply = await fromPanel({ type: 'content/callState', state: { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' } } as never);
    errorOf(reply);
    expect((await readCollection('callTabs')).entries).toEqual({});
  });
});

describe('visit/open', () => {
  it('creates one open visit per meeting and returns it again', async () => {
    const first = await openVisit();
    const second = await openVisit();
    expect(second).toBe(first);
    const visits = (await storedVisits());
    expect(Object.keys(visits)).toEqual([first]);
    expect(visits[first]).toMatchObject({ meetingKey: MEETING, patientId: null, createdAt: T0, startedAt: null, endedAt: null, checked: {} });
    expect((await readCollection('meetings')).entries[MEETING]).toEqual({ patientId: null, openVisitId: first });
  });

  it('opens a separate visit for another meeting', async () => {
    const meet = await openVisit();
    const zoom = await openVisit('zoom:123456789');
    expect(zoom).not.toBe(meet);
    expect(Object.keys((await storedVisits())).sort()).toEqual([meet, zoom].sort());
  });

  it('records the current schema version alongside what it writes', async () => {
    await openVisit();
    const stored = await fakeBrowser.storage.local.get(['visitIndex$', 'meetings$']);
    expect(stored).toEqual({ visitIndex$: { v: SCHEMA_VERSION }, meetings$: { v: SCHEMA_VERSION } });
  });
});

describe('patients and recurring meeting links', () => {
  it('patient/create stores the patient and assigns it to the visit and the meeting', async () => {
    const visitId = await openVisit();
    clock += 5_000;
    const patientId = await createPatient(visitId, '  Dana  ');
    expect(await storedPatient(patientId)).toEqual({
      id: patientId,
      createdAt: T0 + 5_000,
      updatedAt: T0 + 5_000,
      notes: { ...emptyNotes(), preferredName: 'Dana' },
    });
    expect((await storedVisit(visitId)).patientId).toBe(patientId);
    expect((await readCollection('meetings')).entries[MEETING]).toEqual({ patientId, openVisitId: visitId });
  });

  it('remembers the patient on a recurring link: the next visit starts with that patient', async () => {
    const firstVisit = await openVisit();
    const patientId = await createPatient(firstVisit);
    clock += 60_000;
    valueOf(await fromPanel({ type: 'visit/end', visitId: firstVisit, at: clock }));
    expect((await readCollection('meetings')).entries[MEETING]).toEqual({ patientId, openVisitId: null });

    clock += 7 * 24 * 3600_000;
    const nextVisit = await openVisit();
    expect(nextVisit).not.toBe(firstVisit);
    expect(await storedVisit(nextVisit)).toMatchObject({ patientId, createdAt: clock, endedAt: null, startedAt: null });
    expect((await storedVisit(firstVisit)).endedAt).toBe(T0 + 60_000);
  });

  it('in a shared room (one Doxy.me link for every patient) the next visit starts without the last patient', async () => {
    const room = 'doxy:dr-example';
    const firstVisit = await openVisit(room);
    await createPatient(firstVisit);
    valueOf(await fromPanel({ type: 'visit/end', visitId: firstVisit, at: clock }));
    clock += 3600_000;
    const nextVisit = await openVisit(room);
    expect((await storedVisit(nextVisit)).patientId).toBeNull();
  });

  it('visit/assignPatient switches the visit and the meeting to another patient', async () => {
    const visitId = await openVisit();
    const dana = await createPatient(visitId, 'Dana');
    const sam = await createPatient(visitId, 'Sam');
    expect((await storedVisit(visitId)).patientId).toBe(sam);
    valueOf(await fromPanel({ type: 'visit/assignPatient', visitId, patientId: dana }));
    expect((await storedVisit(visitId)).patientId).toBe(dana);
    expect((await readCollection('meetings')).entries[MEETING]?.patientId).toBe(dana);
  });

  it('refuses to assign a patient that is not stored', async () => {
    const visitId = await openVisit();
    const before = await snapshot();
    expect(errorOf(await fromPanel({ type: 'visit/assignPatient', visitId, patientId: 'nobody' }))).toMatch(/no longer stored/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to work on a visit that is not stored', async () => {
    const before = await snapshot();
    expect(errorOf(await fromPanel({ type: 'patient/create', visitId: 'gone', preferredName: 'Dana' }))).toMatch(/visit is no longer stored/);
    expect(await snapshot()).toEqual(before);
  });

  it('patient/updateNotes merges the given fields into the notes', async () => {
    const patientId = await createPatient(await openVisit(), 'Dana');
    clock += 1_000;
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'Lift my grandson again', base: '' } } }));
    clock += 1_000;
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { expectations: { value: 'A plan', base: '' }, pronouns: { value: 'she/her', base: '' } } }));
    const patient = await storedPatient(patientId);
    expect(patient.notes).toEqual({
      ...emptyNotes(),
      preferredName: 'Dana',
      why: 'Lift my grandson again',
      expectations: 'A plan',
      pronouns: 'she/her',
    });
    expect(patient.updatedAt).toBe(T0 + 2_000);
    expect(patient.createdAt).toBe(T0);
  });

  it('patient/updateNotes can clear a field', async () => {
    const patientId = await createPatient(await openVisit(), 'Dana');
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'x', base: '' } } }));
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: '', base: 'x' } } }));
    expect((await storedPatient(patientId)).notes.why).toBe('');
  });
});

describe('visits stored one key each', () => {
  it('writes only the changed visit and its index line when an item is ticked', async () => {
    const first = await openVisit();
    await openVisit('zoom:123456789');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    valueOf(await fromPanel({ type: 'checklist/tick', visitId: first, itemId: 'greet-by-name', checked: true, at: T0 + 1 }));
    expect(set).toHaveBeenCalledTimes(1);
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual([visitKey(first), 'visitIndex', 'visitIndex$'].sort());
    await storedVisits();
  });

  it('leaves a damaged open visit as it is and goes on with a new one', async () => {
    const damagedId = await openVisit();
    await fakeBrowser.storage.local.set({ [visitKey(damagedId)]: { id: damagedId, talk: 'garbled' } });
    expect(errorOf(await fromPanel({ type: 'checklist/tick', visitId: damagedId, itemId: 'greet-by-name', checked: true, at: T0 }))).toMatch(/damaged/);
    const next = await openVisit();
    expect(next).not.toBe(damagedId);
    expect((await fakeBrowser.storage.local.get(visitKey(damagedId)))[visitKey(damagedId)]).toEqual({ id: damagedId, talk: 'garbled' });
    expect((await readCollection('meetings')).entries[MEETING]?.openVisitId).toBe(next);
  });
});

describe('backup/import', () => {
  it('adds the backup’s records, writes visits with their index lines, and removes nothing', async () => {
    const keptVisit = await openVisit();
    const here = validPatient('p-here', 'Here');
    await fakeBrowser.storage.local.set({ patients: { 'p-here': here } });
    const backup = makeBackup(
      {
        patients: { 'p-sam': validPatient('p-sam', 'Sam'), 'p-here': { ...here, notes: { ...here.notes, hobbies: 'golf' } } },
        visits: { 'v-old': { ...newVisit('v-old', 'zoom:123456789', 'p-sam', T0 - 1000), startedAt: T0 - 1000, endedAt: T0 - 500 } },
        meetings: { 'zoom:123456789': { patientId: 'p-sam', openVisitId: null } },
        protocols: {},
      },
      T0,
    );
    expect(valueOf(await fromPanel({ type: 'backup/import', backup }))).toEqual({ patientsAdded: 1, patientsFilled: 1, visitsAdded: 1, visitsKept: 0, meetingsAdded: 1, protocolsAdded: 0 });
    const visits = await storedVisits();
    expect(Object.keys(visits).sort()).toEqual([keptVisit, 'v-old'].sort());
    expect((await storedPatient('p-here')).notes).toMatchObject({ preferredName: 'Here', hobbies: 'golf' });
    expect((await storedPatient('p-sam')).notes.preferredName).toBe('Sam');
  });

  it('adds the therapist’s own protocols from the file, keeping one already here', async () => {
    const mine = { ...evidenceProtocol, id: 'discharge', name: 'Discharge', updatedAt: T0 };
    const here = { ...evidenceProtocol, name: 'My default', updatedAt: T0 };
    await fakeBrowser.storage.local.set({ protocols: { default: here } });
    const backup = makeBackup({ patients: {}, visits: {}, meetings: {}, protocols: { discharge: mine, default: evidenceProtocol } }, T0);
    expect(valueOf(await fromPanel({ type: 'backup/import', backup }))).toMatchObject({ protocolsAdded: 1 });
    expect((await readCollection('protocols')).entries).toEqual({ default: here, discharge: mine });
  });

  it('refuses a file with a problem, naming it, and changes nothing', async () => {
    await openVisit();
    const before = await snapshot();
    const reply = await fromPanel({ type: 'backup/import', backup: { format: 'rapport-backup', version: 1, exportedAt: 1, patients: { p: { id: 'p' } }, visits: {}, meetings: {} } });
    expect(errorOf(reply)).toMatch(/problem at patients → p/);
    expect(await snapshot()).toEqual(before);
  });

  it('is not open to content scripts', async () => {
    const reply = await handlers.handleMessage({ type: 'backup/import', backup: makeBackup({ patients: {}, visits: {}, meetings: {}, protocols: {} }, T0) }, contentSender());
    expect(reply.ok).toBe(false);
  });
});

describe('goals and the self-check', () => {
  it('visit/end keeps a snapshot of the patient’s goals with the visit', async () => {
    const visitId = await openVisit();
    const patientId = await createPatient(visitId);
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { northStar: { value: 'Stand 30 minutes', base: '' }, shortTermGoals: { value: 'Exercises 5x a week', base: '' } } }));
    valueOf(await fromPanel({ type: 'visit/end', visitId, at: T0 + 1_000 }));
    expect((await storedVisit(visitId)).goals).toEqual({ northStar: 'Stand 30 minutes', shortTermGoals: 'Exercises 5x a week' });
  });

  it('visit/reviewGoal marks last time’s goal and can take the mark back', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'visit/reviewGoal', visitId, goal: 'northStar', review: 'reviewed' }));
    valueOf(await fromPanel({ type: 'visit/reviewGoal', visitId, goal: 'shortTermGoals', review: 'met' }));
    expect((await storedVisit(visitId)).goalReview).toEqual({ northStar: 'reviewed', shortTermGoals: 'met' });
    valueOf(await fromPanel({ type: 'visit/reviewGoal', visitId, goal: 'northStar', review: null }));
    expect((await storedVisit(visitId)).goalReview).toEqual({ shortTermGoals: 'met' });
  });

  it('visit/rateSelfCheck keeps ratings from 1 to 5 and refuses anything else', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'visit/rateSelfCheck', visitId, itemId: 'agreed-goals', rating: 4 }));
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      expect(errorOf(await fromPanel({ type: 'visit/rateSelfCheck', visitId, itemId: 'agreed-goals', rating }))).toBeTruthy();
    }
    expect((await storedVisit(visitId)).selfCheck).toEqual({ 'agreed-goals': 4 });
  });
});

describe('visit/setFollowUp', () => {
  it('keeps the follow-up with the visit, after it ended too', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'visit/end', visitId, at: T0 + 1_000 }));
    valueOf(await fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { value: 'in two weeks', base: '' } }));
    expect((await storedVisit(visitId)).followUp).toBe('in two weeks');
  });

  it('refuses an over-long follow-up and changes nothing', async () => {
    const visitId = await openVisit();
    expect(errorOf(await fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { value: 'x'.repeat(2001), base: '' } }))).toBeTruthy();
    expect((await storedVisit(visitId)).followUp).toBe('');
  });
});

describe('the visit clock and checklist', () => {
  it('checklist/tick records when an item was ticked and starts the visit clock', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: true, at: T0 + 5_000 }));
    expect(await storedVisit(visitId)).toMatchObject({ startedAt: T0 + 5_000, checked: { 'greet-by-name': T0 + 5_000 } });
  });

  it('does not restart a running clock when more items are ticked', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: true, at: T0 + 5_000 }));
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'uncover-why', checked: true, at: T0 + 9_000 }));
    expect(await storedVisit(visitId)).toMatchObject({
      startedAt: T0 + 5_000,
      checked: { 'greet-by-name': T0 + 5_000, 'uncover-why': T0 + 9_000 },
    });
  });

  it('unticking removes the item and keeps the others', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: true, at: T0 + 1 }));
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'uncover-why', checked: true, at: T0 + 2 }));
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'greet-by-name', checked: false, at: T0 + 3 }));
    expect((await storedVisit(visitId)).checked).toEqual({ 'uncover-why': T0 + 2 });
  });

  it('visit/start starts the clock once', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'visit/start', visitId, at: T0 + 100 }));
    valueOf(await fromPanel({ type: 'visit/start', visitId, at: T0 + 999 }));
    expect((await storedVisit(visitId)).startedAt).toBe(T0 + 100);
  });

  it('visit/end closes open talk and the opening statement at the end time', async () => {
    const visitId = await openVisit();
    valueOf(
      await fromPanel({
        type: 'talk/events',
        visitId,
        events: [
          { type: 'opening', running: true, at: T0 + 1_000 },
          { type: 'speech', speaker: 'patient', speaking: true, at: T0 + 1_000, source: 'manual' },
        ],
      }),
    );
    valueOf(await fromPanel({ type: 'visit/end', visitId, at: T0 + 50_000 }));
    const visit = await storedVisit(visitId);
    expect(visit.endedAt).toBe(T0 + 50_000);
    expect(visit.talk.opening).toEqual({ startedAt: T0 + 1_000, endedAt: T0 + 50_000 });
    expect(visit.talk.segments).toEqual([{ speaker: 'patient', start: T0 + 1_000, end: T0 + 50_000, source: 'manual' }]);
  });

  it('visit/end on a visit that already ended keeps the first end time', async () => {
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'visit/end', visitId, at: T0 + 100 }));
    valueOf(await fromPanel({ type: 'visit/end', visitId, at: T0 + 200 }));
    expect((await storedVisit(visitId)).endedAt).toBe(T0 + 100);
  });
});

describe('talk/events', () => {
  it('accumulates events across messages and starts the clock at the first event', async () => {
    const visitId = await openVisit();
    valueOf(
      await fromPanel({
        type: 'talk/events',
        visitId,
        events: [
          { type: 'opening', running: true, at: T0 + 2_000 },
          { type: 'speech', speaker: 'patient', speaking: true, at: T0 + 2_000, source: 'manual' },
        ],
      }),
    );
    valueOf(
      await fromPanel({
        type: 'talk/events',
        visitId,
        events: [
          { type: 'speech', speaker: 'patient', speaking: false, at: T0 + 20_000, source: 'manual' },
          { type: 'speech', speaker: 'therapist', speaking: true, at: T0 + 20_000, source: 'manual' },
        ],
      }),
    );
    valueOf(
      await fromPanel({
        type: 'talk/events',
        visitId,
        events: [{ type: 'speech', speaker: 'therapist', speaking: false, at: T0 + 25_000, source: 'manual' }],
      }),
    );
    const visit = await storedVisit(visitId);
    expect(visit.startedAt).toBe(T0 + 2_000);
    expect(visit.talk).toEqual({
      segments: [
        { speaker: 'patient', start: T0 + 2_000, end: T0 + 20_000, source: 'manual' },
        { speaker: 'therapist', start: T0 + 20_000, end: T0 + 25_000, source: 'manual' },
      ],
      opening: { startedAt: T0 + 2_000, endedAt: T0 + 20_000 },
    });
  });
});

describe('content scripts: call state', () => {
  const inCall: CallTab = { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' };

  it('records the tab’s call state in session storage', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: { ...inCall, phase: 'greenRoom' } }));
    expect((await readCollection('callTabs')).entries).toEqual({ 7: { ...inCall, phase: 'greenRoom' } });
    expect(await fakeBrowser.storage.local.get('callTabs')).toEqual({});
  });

  it('does not open or start a visit while in the green room', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: { ...inCall, phase: 'greenRoom' } }));
    expect((await storedVisits())).toEqual({});
  });

  it('starts the visit clock when the call is joined', async () => {
    const visitId = await openVisit();
    clock += 30_000;
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    expect((await storedVisit(visitId)).startedAt).toBe(T0 + 30_000);
  });

  it('opens the meeting’s visit when the call is joined before the panel asked for it', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    const visitId = await openVisit();
    expect((await storedVisit(visitId)).startedAt).toBe(T0);
    expect(Object.keys((await storedVisits()))).toEqual([visitId]);
  });

  it('does not restart the clock when the call is rejoined', async () => {
    const visitId = await openVisit();
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    clock += 60_000;
    valueOf(await fromContent({ type: 'content/callState', state: { ...inCall, phase: 'left' } }));
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    expect((await storedVisit(visitId)).startedAt).toBe(T0);
  });

  it('refuses a call state claiming another site than the page it came from', async () => {
    const reply = await fromContent({ type: 'content/callState', state: { siteId: 'zoom', meetingKey: 'zoom:123456789', phase: 'inCall' } });
    expect(errorOf(reply)).toMatch(/another site/);
    expect((await readCollection('callTabs')).entries).toEqual({});
    expect((await storedVisits())).toEqual({});
  });

  it('refuses a meeting of another site, even under its own site id', async () => {
    const reply = await fromContent({ type: 'content/callState', state: { siteId: 'meet', meetingKey: 'zoom:123456789', phase: 'inCall' } });
    expect(errorOf(reply)).toMatch(/another site/);
    expect((await storedVisits())).toEqual({});
  });

  it('forgets a closed tab', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    valueOf(await fromContent({ type: 'content/callState', state: inCall }, contentSender(undefined, 8)));
    await handlers.forgetTab(7);
    expect(Object.keys((await readCollection('callTabs')).entries)).toEqual(['8']);
  });
});

describe('site preferences', () => {
  /** The answer to a call page's state report is where its panel goes. */
  const placementFor = async (siteId = 'meet', sender = contentSender()) =>
    valueOf(await handlers.handleMessage({ type: 'content/callState', state: { siteId, meetingKey: null, phase: 'left' } }, sender)) as ContentPlacement;

  it('answers a state report with the defaults before anything was saved', async () => {
    expect(await placementFor()).toEqual({ ...defaultSitePrefs, inSidePanel: false, followLook: false });
  });

  it('answers every state report, on a meeting or not, with the position the content script saved', async () => {
    valueOf(await fromContent({ type: 'content/savePosition', siteId: 'meet', prefs: { edge: 'left', inset: 40, top: 120 } }));
    const saved: ContentPlacement = { ...defaultSitePrefs, inSidePanel: false, followLook: false, edge: 'left', inset: 40, top: 120 };
    expect(await placementFor()).toEqual(saved);
    expect(valueOf(await fromContent({ type: 'content/callState', state: { siteId: 'meet', meetingKey: MEETING, phase: 'greenRoom' } }))).toEqual(saved);
  });

  it('merges the panel’s sitePrefs/update with the saved position', async () => {
    valueOf(await fromContent({ type: 'content/savePosition', siteId: 'meet', prefs: { edge: 'left', inset: 40, top: 120 } }));
    valueOf(await fromPanel({ type: 'sitePrefs/update', siteId: 'meet', prefs: { collapsed: true } }));
    expect(await placementFor()).toEqual({ edge: 'left', inset: 40, top: 120, collapsed: true, inSidePanel: false, followLook: false });
  });

  it('tells the call page to sample its look only while the theme follows the call site', async () => {
    valueOf(await fromPanel({ type: 'settings/look', look: { theme: 'callSite' } }));
    expect((await placementFor()).followLook).toBe(true);
    valueOf(await fromPanel({ type: 'settings/look', look: { theme: 'dark' } }));
    expect((await placementFor()).followLook).toBe(false);
  });

  it('keeps each site’s preferences separate', async () => {
    valueOf(await fromPanel({ type: 'sitePrefs/update', siteId: 'meet', prefs: { collapsed: true } }));
    expect(await placementFor('zoom', contentSender('https://zoom.us/wc/123456789/join'))).toEqual({ ...defaultSitePrefs, inSidePanel: false, followLook: false });
  });

  it('does not let one site’s page read or move another site’s panel', async () => {
    valueOf(await fromPanel({ type: 'sitePrefs/update', siteId: 'zoom', prefs: { collapsed: true } }));
    expect(errorOf(await fromContent({ type: 'content/callState', state: { siteId: 'zoom', meetingKey: null, phase: 'left' } }))).toMatch(/another site/);
    const moved = await fromContent({ type: 'content/savePosition', siteId: 'zoom', prefs: { edge: 'left', inset: 1, top: 1 } });
    expect(errorOf(moved)).toMatch(/another site/);
    expect((await readCollection('sitePrefs')).entries).toEqual({ zoom: { ...defaultSitePrefs, collapsed: true } });
  });
});

describe('malformed payloads', () => {
  it.each<[string, unknown]>([
    ['no message at all', undefined],
    ['a string', 'visit/open'],
    ['an unknown type', { type: 'patient/erase', patientId: 'id-2' }],
    ['a missing field', { type: 'visit/open' }],
    ['a wrong field type', { type: 'visit/open', meetingKey: 42 }],
    ['an empty id', { type: 'visit/open', meetingKey: '' }],
    ['an over-long id', { type: 'visit/open', meetingKey: 'm'.repeat(201) }],
    ['an over-long name', { type: 'patient/create', visitId: 'id-1', preferredName: 'n'.repeat(201) }],
    ['a blank name', { type: 'patient/create', visitId: 'id-1', preferredName: '   ' }],
    ['a name that is not text', { type: 'patient/create', visitId: 'id-1', preferredName: { first: 'Dana' } }],
    ['an over-long note', { type: 'patient/updateNotes', patientId: 'id-2', notes: { why: { value: 'w'.repeat(2001), base: '' } } }],
    ['a note that is not text', { type: 'patient/updateNotes', patientId: 'id-2', notes: { why: { value: 1, base: '' } } }],
    ['notes that are not a record', { type: 'patient/updateNotes', patientId: 'id-2', notes: 'why' }],
    ['a time that is not finite', { type: 'checklist/tick', visitId: 'id-1', itemId: 'x', checked: true, at: Number.POSITIVE_INFINITY }],
    ['a time that is NaN', { type: 'visit/start', visitId: 'id-1', at: Number.NaN }],
    ['a tick without checked', { type: 'checklist/tick', visitId: 'id-1', itemId: 'x', at: T0 }],
    ['an unknown speaker', { type: 'talk/events', visitId: 'id-1', events: [{ type: 'speech', speaker: 'nurse', speaking: true, at: T0, source: 'manual' }] }],
    ['too many talk events', { type: 'talk/events', visitId: 'id-1', events: Array.from({ length: 11 }, () => ({ type: 'opening', running: true, at: T0 })) }],
    ['a panel edge that does not exist', { type: 'sitePrefs/update', siteId: 'meet', prefs: { edge: 'top' } }],
    ['an id named __proto__', { type: 'patient/updateNotes', patientId: '__proto__', notes: { why: { value: 'x', base: '' } } }],
    ['a meeting key named __proto__', { type: 'visit/open', meetingKey: '__proto__' }],
    ['a visit id named __proto__', { type: 'checklist/tick', visitId: '__proto__', itemId: 'x', checked: true, at: T0 }],
    ['a site id named __proto__', { type: 'sitePrefs/update', siteId: '__proto__', prefs: { collapsed: true } }],
    ['a meeting key named constructor', { type: 'visit/open', meetingKey: 'constructor' }],
    ['a type hidden behind __proto__', JSON.parse('{"__proto__": {"type": "visit/open", "meetingKey": "meet:abc-defg-hij"}}')],
  ])('refuses %s and changes nothing', async (_what, message) => {
    const visitId = await openVisit();
    expect(visitId).toBe('id-1');
    const patientId = await createPatient(visitId);
    expect(patientId).toBe('id-2');
    const before = await snapshot();
    errorOf(await handlers.handleMessage(message, panelSender()));
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).why).toBeUndefined();
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('does not let a __proto__ key in notes reach the stored notes or Object.prototype', async () => {
    const patientId = await createPatient(await openVisit());
    const message: unknown = { type: 'patient/updateNotes', patientId, notes: JSON.parse('{"__proto__": {"why": {"value": "polluted", "base": ""}}, "hobbies": {"value": "chess", "base": ""}}') };
    await handlers.handleMessage(message, panelSender());
    expect(({} as Record<string, unknown>).why).toBeUndefined();
    const patient = await storedPatient(patientId);
    expect(patient.notes.why).toBe('');
    expect(Object.getPrototypeOf(patient.notes)).toBe(Object.prototype);
    const raw = (await fakeBrowser.storage.local.get('patients')) as { patients: Record<string, { notes: object }> };
    expect(Object.keys(raw.patients[patientId]?.notes ?? {})).not.toContain('__proto__');
  });

  // Unknown keys (including "__proto__") are refused rather than silently dropped, so such a
  // payload is not accepted as an empty change that bumps updatedAt.
  it('refuses a notes payload that only carries a __proto__ key', async () => {
    const patientId = await createPatient(await openVisit());
    const before = await snapshot();
    clock += 1_000;
    const message: unknown = { type: 'patient/updateNotes', patientId, notes: JSON.parse('{"__proto__": {"why": "polluted"}}') };
    const reply = await handlers.handleMessage(message, panelSender());
    expect(await snapshot()).toEqual(before);
    expect(reply.ok).toBe(false);
  });
});

describe('damaged stored data', () => {
  it('moves a whole collection that is not a record aside, untouched, and then saves', async () => {
    await fakeBrowser.storage.local.set({ patients: 'not a record' });
    expect((await readCollection('patients')).problem).toBe('notARecord');
    const patientId = await createPatient(await openVisit(), 'Dana');

    const { setAside } = (await fakeBrowser.storage.local.get('setAside')) as { setAside: Record<string, unknown> };
    const keys = Object.keys(setAside);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toBe(`local:patients@${clock}`);
    expect(setAside[keys[0] ?? '']).toBe('not a record');

    const patients = await readCollection('patients');
    expect(patients.problem).toBeNull();
    expect(Object.keys(patients.entries)).toEqual([patientId]);
  });

  it('keeps earlier set-aside values when another collection is set aside', async () => {
    await fakeBrowser.storage.local.set({ setAside: { 'local:visits@1': [1, 2, 3] }, meetings: 12 });
    await openVisit();
    const { setAside } = (await fakeBrowser.storage.local.get('setAside')) as { setAside: Record<string, unknown> };
    expect(setAside['local:visits@1']).toEqual([1, 2, 3]);
    expect(Object.values(setAside)).toContain(12);
  });

  it('leaves a damaged patient entry byte-for-byte as it was while other patients change', async () => {
    const damaged = { id: 'broken', createdAt: 'yesterday', notes: { preferredName: 42 }, extra: [1, { deep: true }] };
    await fakeBrowser.storage.local.set({ patients: { broken: damaged, good: validPatient('good', 'Sam') } });
    const rawBefore = JSON.stringify(((await fakeBrowser.storage.local.get('patients')) as { patients: Record<string, unknown> }).patients.broken);

    const visitId = await openVisit();
    const created = await createPatient(visitId, 'Dana');
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId: 'good', notes: { why: { value: 'Run again', base: '' } } }));
    valueOf(await fromPanel({ type: 'visit/assignPatient', visitId, patientId: 'good' }));

    const { patients } = (await fakeBrowser.storage.local.get('patients')) as { patients: Record<string, unknown> };
    expect(JSON.stringify(patients.broken)).toBe(rawBefore);
    expect(patients.broken).toEqual(damaged);
    expect((await storedPatient('good')).notes.why).toBe('Run again');
    expect((await storedPatient(created)).notes.preferredName).toBe('Dana');
    expect((await readCollection('patients')).unreadable).toEqual(['broken']);
  });

  it('refuses to update a damaged patient, in plain words, and changes nothing', async () => {
    await fakeBrowser.storage.local.set({ patients: { broken: { id: 'broken' }, good: validPatient('good', 'Sam') } });
    const before = await snapshot();
    const error = errorOf(await fromPanel({ type: 'patient/updateNotes', patientId: 'broken', notes: { why: { value: 'x', base: '' } } }));
    expect(error).toMatch(/damaged/);
    expect(error).not.toMatch(/valibot|schema|undefined|Expected|Invalid|TypeError|\{/i);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to assign a damaged patient to a visit', async () => {
    const visitId = await openVisit();
    await fakeBrowser.storage.local.set({ patients: { broken: { id: 'broken' } } });
    const before = await snapshot();
    expect(errorOf(await fromPanel({ type: 'visit/assignPatient', visitId, patientId: 'broken' }))).toMatch(/damaged/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses writes to data saved by a newer Rapport and changes nothing', async () => {
    const visitId = await openVisit();
    await fakeBrowser.storage.local.set({ patients: { good: validPatient('good', 'Sam') }, patients$: { v: SCHEMA_VERSION + 1 } });
    const before = await snapshot();
    expect(errorOf(await fromPanel({ type: 'patient/create', visitId, preferredName: 'Dana' }))).toMatch(/newer version of Rapport/);
    expect(errorOf(await fromPanel({ type: 'patient/updateNotes', patientId: 'good', notes: { why: { value: 'x', base: '' } } }))).toMatch(/newer version/);
    expect(await snapshot()).toEqual(before);
  });

  it('still works on other collections when one is from a newer Rapport', async () => {
    await fakeBrowser.storage.local.set({ patients$: { v: SCHEMA_VERSION + 1 } });
    const visitId = await openVisit();
    valueOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }));
    expect((await storedVisit(visitId)).checked).toEqual({ recap: T0 });
  });
});

describe('storage write failures', () => {
  it('says storage is full when the quota is exceeded and leaves earlier data intact', async () => {
    const patientId = await createPatient(await openVisit(), 'Dana');
    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'Garden again', base: '' } } }));
    const before = await snapshot();

    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const error = errorOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'Something else', base: 'Garden again' } } }));
    expect(set).toHaveBeenCalledTimes(1);
    expect(error).toMatch(/storage for Rapport is full/);
    expect(await snapshot()).toEqual(before);

    valueOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { hobbies: { value: 'Chess', base: '' } } }));
    expect((await storedPatient(patientId)).notes).toMatchObject({ why: 'Garden again', hobbies: 'Chess' });
  });

  it('says the browser refused for other write errors, once its retries are spent', async () => {
    const visitId = await openVisit();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('IO error'));
    const error = errorOf(await fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }));
    expect(error).toMatch(/refused to store/);
    expect(error).not.toMatch(/full/);
  });
});

describe('concurrent messages', () => {
  it('loses no field when many note updates arrive at once', async () => {
    const visitId = await openVisit();
    const dana = await createPatient(visitId, 'Dana');
    const sam = await createPatient(visitId, 'Sam');
    const fields = patientNoteFields.filter((field) => field !== 'preferredName').slice(0, 10);
    expect(fields).toHaveLength(10);

    const replies = await Promise.all(
      [dana, sam].flatMap((patientId) =>
        fields.map((field) => fromPanel({ type: 'patient/updateNotes', patientId, notes: { [field]: { value: `${patientId}:${field}`, base: '' } } })),
      ),
    );
    expect(replies).toHaveLength(20);
    for (const reply of replies) valueOf(reply);
    for (const patientId of [dana, sam]) {
      const notes = (await storedPatient(patientId)).notes;
      for (const field of fields) expect(notes[field], `${patientId} ${field}`).toBe(`${patientId}:${field}`);
    }
  });

  it('keeps every tick and talk event sent at once', async () => {
    const visitId = await openVisit();
    const items = ['greet-by-name', 'show-prepared', 'uncover-why', 'ask-expectations', 'let-them-tell'];
    await Promise.all([
      ...items.map((itemId, i) => fromPanel({ type: 'checklist/tick', visitId, itemId, checked: true, at: T0 + i })),
      fromPanel({ type: 'talk/events', visitId, events: [{ type: 'speech', speaker: 'patient', speaking: true, at: T0, source: 'manual' }] }),
    ]);
    const visit = await storedVisit(visitId);
    expect(Object.keys(visit.checked).sort()).toEqual([...items].sort());
    expect(visit.talk.segments).toHaveLength(1);
  });
});

describe('toggleSpeakerOnTab (keyboard commands)', () => {
  const inCall: CallTab = { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' };

  it('toggles the speaker on the open visit of the tab’s meeting', async () => {
    const visitId = await openVisit();
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));

    clock = T0 + 1_000;
    await handlers.toggleSpeakerOnTab(7, 'patient');
    expect((await storedVisit(visitId)).talk.segments).toEqual([{ speaker: 'patient', start: T0 + 1_000, end: null, source: 'manual' }]);

    clock = T0 + 4_000;
    await handlers.toggleSpeakerOnTab(7, 'therapist');
    clock = T0 + 6_000;
    await handlers.toggleSpeakerOnTab(7, 'therapist');
    expect((await storedVisit(visitId)).talk.segments).toEqual([
      { speaker: 'patient', start: T0 + 1_000, end: T0 + 4_000, source: 'manual' },
      { speaker: 'therapist', start: T0 + 4_000, end: T0 + 6_000, source: 'manual' },
    ]);
    expect(Object.keys((await storedVisits()))).toEqual([visitId]);
  });

  it('acts on the tab it is given, not another call tab', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    const zoomSender = contentSender('https://zoom.us/wc/123456789/join', 9);
    valueOf(await handlers.handleMessage({ type: 'content/callState', state: { siteId: 'zoom', meetingKey: 'zoom:123456789', phase: 'inCall' } }, zoomSender));
    await handlers.toggleSpeakerOnTab(9, 'patient');
    const zoomVisit = valueOf<string>(await fromPanel({ type: 'visit/open', meetingKey: 'zoom:123456789' }));
    const meetVisit = await openVisit();
    expect((await storedVisit(zoomVisit)).talk.segments).toHaveLength(1);
    expect((await storedVisit(meetVisit)).talk.segments).toHaveLength(0);
  });

  it('does nothing on a tab that is not a call tab', async () => {
    const visitId = await openVisit();
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    const before = await snapshot();
    await handlers.toggleSpeakerOnTab(8, 'patient');
    expect(await snapshot()).toEqual(before);
    expect((await storedVisit(visitId)).talk.segments).toEqual([]);
  });

  it('does nothing on a call tab that is not on a meeting', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: { siteId: 'meet', meetingKey: null, phase: 'left' } }));
    const before = await snapshot();
    await handlers.toggleSpeakerOnTab(7, 'therapist');
    expect(await snapshot()).toEqual(before);
  });
});

// Automatic talk time: the audio page's messages and listening. (Imports are hoisted; kept beside
// the block that uses them.)
import { audioPagePath } from '@/utils/background-handlers';
import { createListening, type CaptureApis } from '@/utils/listening';
import type { BackgroundToOffscreen, OffscreenToBackground } from '@/utils/messages';
import type { TalkEvent } from '@/utils/talk';
import { errorOf, valueOf } from '../support/replies';

describe('automatic talk time: the audio page and listening', () => {
  const inCall: CallTab = { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' };
  let toOffscreen: BackgroundToOffscreen[];
  let listening: ReturnType<typeof createListening>;

  function audioSender(): Sender {
    return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(audioPagePath) };
  }

  function fromAudioPage(message: OffscreenToBackground, sender = audioSender()): Promise<Reply> {
    return handlers.handleMessage(message, sender);
  }

  const speech = (speaker: 'patient' | 'therapist', speaking: boolean, at: number): TalkEvent => ({ type: 'speech', speaker, speaking, at, source: 'auto' });
  const talk = (tabId = 7): OffscreenToBackground => ({
    type: 'offscreen/talk',
    tabId,
    events: [speech('patient', true, T0 + 1_000), speech('patient', false, T0 + 4_000)],
  });

  beforeEach(() => {
    toOffscreen = [];
    const now = () => clock;
    const store = createBackgroundStore({ now });
    const apis: CaptureApis = {
      offscreen: { open: async () => undefined, close: async () => undefined },
      tabStreamId: async (tabId) => `stream-${tabId}`,
      sendToOffscreen: async (message) => void toOffscreen.push(message),
    };
    listening = createListening(store, apis, now);
    handlers = createHandlers(store, { now, newId: () => `id-${++ids}` }, listening);
  });

  async function listened(): Promise<string[]> {
    return Object.keys((await readCollection('listening')).entries);
  }

  it('knows the audio page only at its own address and outside any tab', () => {
    expect(classifySender(audioSender())).toEqual({ kind: 'audioPage' });
    expect(classifySender({ ...audioSender(), tab: { id: 7 } })).toEqual({ kind: 'extensionPage', tabId: 7 });
    expect(classifySender({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') })).toEqual({ kind: 'extensionPage', tabId: null });
  });

  it('adds the audio page’s timings to the open visit of the tab’s meeting, as automatic segments', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    await listening.start(7);
    valueOf(await fromAudioPage(talk()));
    const visitId = (await readCollection('meetings')).entries[MEETING]!.openVisitId!;
    expect((await storedVisit(visitId)).talk.segments).toEqual([{ speaker: 'patient', start: T0 + 1_000, end: T0 + 4_000, source: 'auto' }]);
  });

  it('keeps timings only while that tab is listened to', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    valueOf(await fromContent({ type: 'content/callState', state: { siteId: 'zoom', meetingKey: 'zoom:123456789', phase: 'inCall' } }, contentSender('https://zoom.us/wc/123456789/join', 9)));
    const before = await snapshot();
    // Not listening yet: ignored.
    expect(valueOf(await fromAudioPage(talk()))).toBeNull();
    expect(await snapshot()).toEqual(before);

    await listening.start(7);
    const listeningTo7 = await snapshot();
    // Another call tab, not the one listened to: ignored.
    expect(valueOf(await fromAudioPage(talk(9)))).toBeNull();
    expect(valueOf(await fromAudioPage({ type: 'offscreen/status', tabId: 9, status: { microphone: 'on', call: 'on', playback: true } }))).toBeNull();
    expect(await snapshot()).toEqual(listeningTo7);

    await listening.stop(7);
    const stopped = await snapshot();
    expect(valueOf(await fromAudioPage(talk()))).toBeNull();
    expect(await snapshot()).toEqual(stopped);
    const visits = Object.values(await storedVisits());
    expect(visits).toHaveLength(2);
    for (const visit of visits) expect(visit.talk.segments).toEqual([]);
  });

  it('merges the audio page’s status into the listening state', async () => {
    await listening.start(7);
    valueOf(await fromAudioPage({ type: 'offscreen/status', tabId: 7, status: { microphone: 'on', call: 'unavailable', playback: false } }));
    expect((await readCollection('listening')).entries['7']).toEqual({ startedAt: T0, microphone: 'on', call: 'unavailable', playback: false });
  });

  it('refuses offscreen messages from a panel, and panel or call-page messages from the audio page', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    await listening.start(7);
    const before = await snapshot();
    errorOf(await handlers.handleMessage(talk(), panelSender()));
    errorOf(await handlers.handleMessage({ type: 'offscreen/status', tabId: 7, status: { microphone: 'on', call: 'on', playback: true } }, panelSender()));
    errorOf(await handlers.handleMessage(talk(), contentSender()));
    // The audio page's address inside a tab is not the audio page.
    errorOf(await handlers.handleMessage(talk(), { ...audioSender(), tab: { id: 7 } }));
    errorOf(await fromAudioPage({ type: 'visit/open', meetingKey: 'meet:xyz-wxyz-xyz' } as never));
    errorOf(await fromAudioPage({ type: 'listening/stop', tabId: 7 } as never));
    errorOf(await fromAudioPage({ type: 'content/callState', state: { ...inCall, phase: 'left' } } as never));
    expect(await snapshot()).toEqual(before);
    expect(toOffscreen.map((m) => m.type)).toEqual(['offscreen/start']);
  });

  it('a panel stops listening with listening/stop', async () => {
    await listening.start(7);
    valueOf(await fromPanel({ type: 'listening/stop', tabId: 7 }));
    expect(await listened()).toEqual([]);
    expect(toOffscreen.map((m) => m.type)).toEqual(['offscreen/start', 'offscreen/stop']);
  });

  it('stops listening when the call tab reports it left the call, or closes', async () => {
    valueOf(await fromContent({ type: 'content/callState', state: inCall }));
    await listening.start(7);
    valueOf(await fromContent({ type: 'content/callState', state: { ...inCall, phase: 'greenRoom' } }));
    expect(await listened()).toEqual(['7']);
    valueOf(await fromContent({ type: 'content/callState', state: { ...inCall, phase: 'left' } }));
    expect(await listened()).toEqual([]);
    expect(toOffscreen.map((m) => m.type)).toEqual(['offscreen/start', 'offscreen/stop']);

    await listening.start(7);
    await handlers.forgetTab(7);
    expect(await listened()).toEqual([]);
    expect(toOffscreen.map((m) => m.type)).toEqual(['offscreen/start', 'offscreen/stop', 'offscreen/start', 'offscreen/stop']);
  });
});
