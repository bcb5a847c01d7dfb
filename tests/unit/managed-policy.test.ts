import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import { checkPolicy, managedStorage, noPolicy, readManagedPolicy } from '@/utils/managed-policy';
import type { PanelToBackground, Reply } from '@/utils/messages';
import { storedVisit } from '../support/stored-visit';
import { cueDefaults } from '@/utils/cues';
import { evidenceProtocol } from '@/utils/protocols';
import { editProtocol } from '@/utils/protocol-edits';
import { readFileSync } from 'node:fs';

const MEETING = 'meet:abc-defg-hij';
const discharge = { id: 'discharge', name: 'Discharge', sections: [{ id: 'wrap', title: 'Wrapping up', items: [{ id: 'home-plan', text: 'Agree on the home programme', captures: 'shortTermGoals' }] }] };
const example = JSON.parse(readFileSync('docs/managed-policy.example.json', 'utf8')) as unknown;

describe('checking a clinic policy', () => {
  it('has none when nothing is set', () => {
    expect(checkPolicy(undefined)).toEqual({ policy: noPolicy, problem: null });
    expect(checkPolicy({})).toEqual({ policy: noPolicy, problem: null });
  });

  it('takes protocols read-only under the clinic’s names, the default protocol and cue settings', () => {
    const read = checkPolicy({ protocols: [discharge], defaultProtocolId: 'discharge', cues: { checkIn: false, monologueMs: 90_000 } });
    expect(read.problem).toBeNull();
    expect(read.policy.protocols).toEqual([{ ...discharge, id: 'clinic.discharge', sections: [{ ...discharge.sections[0], source: '' }], phrases: [], updatedAt: 0 }]);
    expect(read.policy.defaultProtocolId).toBe('clinic.discharge');
    expect(read.policy.cues).toEqual({ checkIn: false, monologueMs: 90_000 });
    expect(checkPolicy({ defaultProtocolId: 'default' }).policy.defaultProtocolId).toBe('default');
  });

  it('accepts the documented example policy', () => {
    const read = checkPolicy(example);
    expect(read.problem).toBeNull();
    expect(read.policy.protocols.length).toBeGreaterThan(0);
  });

  it.each<[string, unknown, RegExp]>([
    ['a protocol with an empty practice', { protocols: [{ ...discharge, sections: [{ id: 'wrap', title: 'W', items: [{ id: 'x', text: '' }] }] }] }, /ignores it: protocol 1, section 1 \(W\), practice 1: the practice text is empty\./],
    ['a protocol saving two answers to one note', { protocols: [{ ...discharge, sections: [{ id: 'w', title: 'W', items: [{ id: 'a', text: 'A', captures: 'why' }, { id: 'b', text: 'B', captures: 'why' }] }] }] }, /ignores it: protocol 1, two practices save their answer to the same note field\./],
    ['a default that is not one of its protocols', { protocols: [discharge], defaultProtocolId: 'follow-up' }, /the default protocol “follow-up” is not one of its protocols\./],
    ['two protocols with one id', { protocols: [discharge, discharge] }, /two protocols share one id\./],
    ['a cue setting out of range', { cues: { quickAnswerMs: 10 } }, /ignores it: “quickAnswerMs” has a value Rapport cannot use \(Expected >=100 but received 10\)\./],
    ['an unknown cue setting', { cues: { loud: true } }, /the cue settings have a setting Rapport does not know/],
    ['protocols that are not a list', { protocols: 'discharge' }, /ignores it: the protocols must be a list\./],
  ])('ignores a broken policy whole, naming its problem: %s', (_what, raw, problem) => {
    const read = checkPolicy(raw);
    expect(read.policy).toBe(noPolicy);
    expect(read.problem).toMatch(/^Your clinic’s Rapport policy cannot be used, so Rapport ignores it: .+ Ask your administrator to check it\.$/);
    expect(read.problem).toMatch(problem);
  });
});

describe('the policy in the browser', () => {
  let handlers: ReturnType<typeof createHandlers>;
  let ids = 0;
  const send = (message: PanelToBackground): Promise<Reply> => handlers.handleMessage(message, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: { id: 7 }, frameId: 1 });
  const value = async <T,>(reply: Promise<Reply>) => {
    const answer = await reply;
    if (!answer.ok) throw new Error(answer.error);
    return answer.value as T;
  };

  beforeEach(() => {
    fakeBrowser.reset();
    ids = 0;
    handlers = createHandlers(createBackgroundStore({ now: () => 10 }), { now: () => 10, newId: () => `id-${++ids}` });
  });
  afterEach(() => vi.restoreAllMocks());

  it('is read from managed storage', async () => {
    await fakeBrowser.storage.managed.set({ protocols: [discharge], defaultProtocolId: 'discharge' });
    expect((await readManagedPolicy()).policy.defaultProtocolId).toBe('clinic.discharge');
  });

  it('is none where the browser has no managed storage, or refuses to read it (Firefox without a policy)', async () => {
    vi.spyOn(managedStorage, 'area').mockReturnValue(undefined);
    expect(await readManagedPolicy()).toEqual({ policy: noPolicy, problem: null });
    vi.spyOn(managedStorage, 'area').mockReturnValue({ get: () => Promise.reject(new Error('Managed storage manifest not found')) });
    expect(await readManagedPolicy()).toEqual({ policy: noPolicy, problem: null });
  });

  it('starts new visits with the clinic’s default protocol until the therapist picks their own', async () => {
    const first = await value<string>(send({ type: 'visit/open', meetingKey: MEETING }));
    // Left unset, a visit reads as the default protocol (as visits from before protocols do).
    expect((await storedVisit(first)).protocolId).toBeUndefined();
    await fakeBrowser.storage.managed.set({ protocols: [discharge], defaultProtocolId: 'discharge' });
    await send({ type: 'visit/end', visitId: first, at: 20 });
    const second = await value<string>(send({ type: 'visit/open', meetingKey: MEETING }));
    await vi.waitFor(async () => expect((await storedVisit(second)).protocolId).toBe('clinic.discharge'));
    // The visit keeps the clinic protocol's checklist when it ends.
    await send({ type: 'visit/end', visitId: second, at: 30 });
    expect((await storedVisit(second)).protocolUsed).toMatchObject({ id: 'clinic.discharge', name: 'Discharge', sections: [{ items: [{ id: 'home-plan' }] }] });
    await send({ type: 'settings/defaultProtocol', protocolId: 'default' });
    const third = await value<string>(send({ type: 'visit/open', meetingKey: MEETING }));
    expect((await storedVisit(third)).protocolId).toBe('default');
  });

  it('opens a visit without waiting for the policy, and gives it the clinic’s default once read, unless one was picked meanwhile', async () => {
    let answer: (policy: Record<string, unknown>) => void = () => undefined;
    vi.spyOn(managedStorage, 'area').mockReturnValue({ get: () => new Promise((resolve) => (answer = resolve)) });
    handlers = createHandlers(createBackgroundStore({ now: () => 10 }), { now: () => 10, newId: () => `late-${++ids}` });
    const waiting = await value<string>(send({ type: 'visit/open', meetingKey: MEETING }));
    const picked = await value<string>(send({ type: 'visit/open', meetingKey: 'meet:xyz-wxyz-xyz' }));
    await send({ type: 'visit/setProtocol', visitId: picked, protocolId: 'default' });
    expect((await storedVisit(waiting)).protocolId).toBeUndefined();
    answer({ protocols: [discharge], defaultProtocolId: 'discharge' });
    await vi.waitFor(async () => expect((await storedVisit(waiting)).protocolId).toBe('clinic.discharge'));
    expect((await storedVisit(picked)).protocolId).toBe('default');
  });

  it('ignores a broken policy for new visits', async () => {
    await fakeBrowser.storage.managed.set({ protocols: [discharge], defaultProtocolId: 'missing' });
    const id = await value<string>(send({ type: 'visit/open', meetingKey: MEETING }));
    await send({ type: 'visit/end', visitId: id, at: 20 });
    expect((await storedVisit(id)).protocolId).toBeUndefined();
    // The shipped default is kept by the code, not copied into each visit.
    expect((await storedVisit(id)).protocolUsed).toBeUndefined();
  });

  it('keeps a clinic protocol read-only: saving or deleting it is refused', async () => {
    await fakeBrowser.storage.managed.set({ protocols: [discharge] });
    const save = await send({ type: 'protocol/save', protocol: { ...evidenceProtocol, id: 'clinic.discharge' } });
    expect(save).toEqual({ ok: false, error: 'Your clinic set this protocol, so it cannot be changed here. Make a copy to change it.' });
    expect((await send({ type: 'protocol/delete', protocolId: 'clinic.discharge' })).ok).toBe(false);
    expect(await fakeBrowser.storage.local.get('protocols')).toEqual({});
  });

  it('uses the clinic’s cue settings as the base when the therapist first changes one', async () => {
    await fakeBrowser.storage.managed.set({ cues: { checkIn: false, monologueMs: 90_000 } });
    await send({ type: 'settings/cues', cues: { keepListening: false } });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ cues: { ...cueDefaults, checkIn: false, monologueMs: 90_000, keepListening: false } });
  });
});

describe('protocols and visits in the background', () => {
  let handlers: ReturnType<typeof createHandlers>;
  let ids = 0;
  const send = (message: PanelToBackground): Promise<Reply> => handlers.handleMessage(message, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: { id: 7 }, frameId: 1 });

  beforeEach(() => {
    fakeBrowser.reset();
    ids = 0;
    handlers = createHandlers(createBackgroundStore({ now: () => 10 }), { now: () => 10, newId: () => `id-${++ids}` });
  });

  it('a visit picks its protocol while under way, and keeps the outline it ended with after the protocol is deleted', async () => {
    const followUp = editProtocol.renameItem({ ...evidenceProtocol, id: 'follow-up', name: 'Follow-up' }, 'journey', 'How has it been since last time?');
    await send({ type: 'protocol/save', protocol: followUp });
    const reply = await send({ type: 'visit/open', meetingKey: MEETING });
    const visitId = reply.ok ? (reply.value as string) : '';
    expect(await send({ type: 'visit/setProtocol', visitId, protocolId: 'follow-up' })).toEqual({ ok: true, value: undefined });
    await send({ type: 'checklist/tick', visitId, itemId: 'journey', checked: true, at: 12 });
    await send({ type: 'visit/end', visitId, at: 20 });
    expect(await send({ type: 'protocol/delete', protocolId: 'follow-up' })).toEqual({ ok: true, value: undefined });
    expect((await storedVisit(visitId)).protocolUsed?.sections[1]?.items[0]).toEqual({ id: 'journey', text: 'How has it been since last time?' });
    expect((await send({ type: 'visit/setProtocol', visitId, protocolId: 'default' })).ok).toBe(false);
  });

  it('refuses to delete the default protocol (it is reset instead) and clears a removed protocol as the choice for new visits', async () => {
    expect((await send({ type: 'protocol/delete', protocolId: 'default' })).ok).toBe(false);
    await send({ type: 'protocol/save', protocol: { ...evidenceProtocol, id: 'follow-up', name: 'Follow-up' } });
    await send({ type: 'settings/defaultProtocol', protocolId: 'follow-up' });
    await send({ type: 'protocol/delete', protocolId: 'follow-up' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({});
  });
});
