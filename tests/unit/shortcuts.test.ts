import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { Reply } from '@/utils/messages';
import type { CallTab } from '@/utils/model';
import { defaultProtocol, type ProtocolSection } from '@/utils/protocol';
import { commandNames, extensionCommands, nextUntickedItem } from '@/utils/shortcuts';
import { storedVisit } from '../support/stored-visit';
import { valueOf } from '../support/replies';

const MEETING = 'meet:abc-defg-hij';
const T0 = 1_700_000_000_000;
const inCall: CallTab = { siteId: 'meet', meetingKey: MEETING, phase: 'inCall' };
const panelSender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: { id: 7 }, frameId: 1 });
const contentSender = () => ({ id: fakeBrowser.runtime.id, url: 'https://meet.google.com/abc-defg-hij', tab: { id: 7 }, frameId: 0 });

const allItems = defaultProtocol.flatMap((section) => section.items.map((item) => item.id));

describe('nextUntickedItem', () => {
  it('is the first item of the first section on a fresh visit', () => {
    expect(nextUntickedItem(defaultProtocol, {})?.id).toBe(allItems[0]);
  });

  it('skips ticked items in protocol order, whatever order they were ticked in', () => {
    const checked = { [allItems[0]!]: T0 + 5, [allItems[2]!]: T0 + 1 };
    expect(nextUntickedItem(defaultProtocol, checked)?.id).toBe(allItems[1]);
    expect(nextUntickedItem(defaultProtocol, { ...checked, [allItems[1]!]: T0 })?.id).toBe(allItems[3]);
  });

  it('moves on to the next section once one is complete', () => {
    const firstSection = defaultProtocol[0]!.items.map((item) => item.id);
    const checked = Object.fromEntries(firstSection.map((id) => [id, T0]));
    expect(nextUntickedItem(defaultProtocol, checked)?.id).toBe(defaultProtocol[1]!.items[0]!.id);
  });

  it('is undefined when everything is ticked, or the protocol is empty', () => {
    expect(nextUntickedItem(defaultProtocol, Object.fromEntries(allItems.map((id) => [id, T0])))).toBeUndefined();
    expect(nextUntickedItem([] as ProtocolSection[], {})).toBeUndefined();
    expect(nextUntickedItem([{ id: 's', title: 'S', source: '', items: [] }], {})).toBeUndefined();
  });
});

describe('the extension commands', () => {
  it('give a suggested key to at most four commands, as Chrome allows', () => {
    const withKeys = commandNames.filter((name) => 'suggested_key' in extensionCommands[name]);
    expect(withKeys.length).toBeLessThanOrEqual(4);
    expect(commandNames).toEqual(expect.arrayContaining(['toggle-panel', 'patient-talking', 'therapist-talking', 'tick-next-item', 'opening-timer']));
  });
});

describe('keyboard commands on the call tab’s visit', () => {
  let clock = T0;
  let handlers: ReturnType<typeof createHandlers>;

  beforeEach(() => {
    fakeBrowser.reset();
    clock = T0;
    let ids = 0;
    const now = () => clock;
    handlers = createHandlers(createBackgroundStore({ now }), { now, newId: () => `id-${++ids}` });
  });

  async function visitOnTab(): Promise<string> {
    valueOf(await handlers.handleMessage({ type: 'content/callState', state: inCall }, contentSender()));
    return valueOf<string>(await handlers.handleMessage({ type: 'visit/open', meetingKey: MEETING }, panelSender()));
  }

  it('ticks the first unticked item at the moment of the command, one per press', async () => {
    const visitId = await visitOnTab();
    valueOf(await handlers.handleMessage({ type: 'checklist/tick', visitId, itemId: allItems[0]!, checked: true, at: T0 }, panelSender()));
    clock = T0 + 30_000;
    expect((await handlers.tickNextOnTab(7))).toMatchObject({ id: allItems[1] });
    clock = T0 + 45_000;
    expect((await handlers.tickNextOnTab(7))).toMatchObject({ id: allItems[2] });
    expect((await storedVisit(visitId)).checked).toEqual({ [allItems[0]!]: T0, [allItems[1]!]: T0 + 30_000, [allItems[2]!]: T0 + 45_000 });
  });

  it('says when every item is ticked and changes nothing', async () => {
    const visitId = await visitOnTab();
    for (const itemId of allItems) valueOf(await handlers.handleMessage({ type: 'checklist/tick', visitId, itemId, checked: true, at: T0 }, panelSender()));
    const before = await storedVisit(visitId);
    expect(await handlers.tickNextOnTab(7)).toBe('allTicked');
    expect(await storedVisit(visitId)).toEqual(before);
  });

  it('does nothing on a tab without a call, or once the visit has ended', async () => {
    expect(await handlers.tickNextOnTab(7)).toBeNull();
    const visitId = await visitOnTab();
    valueOf(await handlers.handleMessage({ type: 'visit/end', visitId, at: T0 + 1000 }, panelSender()));
    expect(await handlers.tickNextOnTab(7)).toBeNull();
    expect((await storedVisit(visitId)).checked).toEqual({});
  });

  it('starts the opening timer with the patient on the floor, and stops it on the next press', async () => {
    const visitId = await visitOnTab();
    clock = T0 + 2_000;
    await handlers.toggleOpeningOnTab(7);
    let talk = (await storedVisit(visitId)).talk;
    expect(talk.opening).toEqual({ startedAt: T0 + 2_000, endedAt: null });
    expect(talk.segments).toEqual([{ speaker: 'patient', start: T0 + 2_000, end: null, source: 'manual' }]);
    clock = T0 + 50_000;
    await handlers.toggleOpeningOnTab(7);
    talk = (await storedVisit(visitId)).talk;
    expect(talk.opening).toEqual({ startedAt: T0 + 2_000, endedAt: T0 + 50_000 });
    expect(talk.segments[0]!.end).toBeNull();
  });
});
