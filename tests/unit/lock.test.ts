import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import {
  dataKeyKey,
  decryptValue,
  encryptValue,
  importDataKey,
  isEnvelope,
  lockedMessage,
  lockSettingsKey,
  Sealed,
  tamperedMessage,
  unwrapDataKey,
  wrapDataKey,
  wrongPassphraseMessage,
  type Envelope,
  type LockSettings,
} from '@/utils/lock';
import { createLockControl, type IdleApi } from '@/utils/lock-control';
import type { PanelToBackground, Reply } from '@/utils/messages';
import { fromBase64, toBase64 } from '@/utils/passphrase-crypto';
import { readCollection, readStoredData, visitKey } from '@/utils/storage';
import { errorOf, valueOf } from '../support/replies';
import { decodedJson } from '../support/decoded-json';

const PASSPHRASE = 'correct horse battery';
const NEW_PASSPHRASE = 'staple and more words';

let ids = 0;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(() => {
  fakeBrowser.reset();
  ids = 0;
  handlers = createHandlers(createBackgroundStore(Date), { now: () => Date.UTC(2024, 0, 15), newId: () => `id-${++ids}` });
});

function fromPanel(message: PanelToBackground): Promise<Reply> {
  return handlers.handleMessage(message, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
}

/** A visit with a patient named Dana and a follow-up note: patient data in every kind of stored value. */
async function storeDana(): Promise<{ visitId: string; patientId: string }> {
  const visitId = valueOf<string>(await fromPanel({ type: 'visit/open', meetingKey: 'meet:abc-defg-hij' }));
  const patientId = valueOf<string>(await fromPanel({ type: 'patient/create', visitId, preferredName: 'Dana' }));
  valueOf(await fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { base: '', value: 'Dana walks to the shop' } }));
  return { visitId, patientId };
}

const local = async () => structuredClone(await fakeBrowser.storage.local.get());

function flipBit(text: string, bit: number): string {
  const bytes = fromBase64(text);
  bytes[Math.floor(bit / 8) % bytes.length]! ^= 1 << bit % 8;
  return toBase64(bytes);
}

describe('stored value encryption (fast-check)', { timeout: 30_000 }, () => {
  const randomKey = () => importDataKey(crypto.getRandomValues(new Uint8Array(32)));

  it('decrypts what it encrypted, whatever the value', async () => {
    const key = await randomKey();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ minLength: 1 }), async (value, storageKey) => {
        const envelope = await encryptValue(key, storageKey, value);
        expect(isEnvelope(envelope)).toBe(true);
        expect(await decryptValue(key, storageKey, envelope)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('uses a fresh IV for every write', async () => {
    const key = await randomKey();
    const first = await encryptValue(key, 'patients', { a: 1 });
    const second = await encryptValue(key, 'patients', { a: 1 });
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
  });

  it('rejects any flipped bit of the ciphertext or the IV', async () => {
    const key = await randomKey();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.nat(), fc.constantFrom<'data' | 'iv'>('data', 'iv'), async (value, bit, part) => {
        const envelope = await encryptValue(key, 'visitIndex', value);
        const changed: Envelope = { ...envelope, [part]: flipBit(envelope[part], bit) };
        expect(await decryptValue(key, 'visitIndex', changed)).toEqual(new Sealed('tampered'));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a value moved to another key, and another data key', async () => {
    const key = await randomKey();
    const envelope = await encryptValue(key, visitKey('a'), { id: 'a' });
    expect(await decryptValue(key, visitKey('b'), envelope)).toEqual(new Sealed('tampered'));
    expect(await decryptValue(await randomKey(), visitKey('a'), envelope)).toEqual(new Sealed('tampered'));
  });

  it('wraps the data key under the passphrase (PBKDF2 at 600,000 iterations); a wrong passphrase unwraps nothing', async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const settings = await wrapDataKey(bytes, PASSPHRASE, 15);
    expect(settings.iterations).toBe(600_000);
    expect(await unwrapDataKey(settings, PASSPHRASE)).toEqual(bytes);
    expect(await unwrapDataKey(settings, `${PASSPHRASE}!`)).toBeNull();
  });
});

// Each passphrase costs 600,000 PBKDF2 iterations, a second or so on a busy machine.
describe('the passphrase lock', { timeout: 30_000 }, () => {
  it('encrypts every patient data value when turned on, and the pages still read them while unlocked', async () => {
    const { patientId, visitId } = await storeDana();
    const before = await readStoredData();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));

    const stored = await local();
    for (const key of ['patients', 'visitIndex', 'patientDirectory', visitKey(visitId)]) expect(isEnvelope(stored[key]), key).toBe(true);
    expect(decodedJson(stored)).not.toContain('Dana');
    expect(stored[lockSettingsKey]).toMatchObject({ iterations: 600_000, idleMinutes: 15 });
    expect(await readStoredData()).toEqual(before);
    expect((await readCollection('patients')).entries[patientId]?.notes.preferredName).toBe('Dana');

    // A change while unlocked is written encrypted too.
    valueOf(await fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { base: 'Dana walks to the shop', value: 'Dana walks to the park' } }));
    expect(JSON.stringify(await local())).not.toContain('park');
    expect((await readStoredData()).visits[visitId]?.followUp).toBe('Dana walks to the park');
  });

  it('refuses a passphrase too short, and turning it on twice', async () => {
    expect(errorOf(await fromPanel({ type: 'lock/turnOn', passphrase: 'short' }))).toMatch(/at least 10 characters/);
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    expect(errorOf(await fromPanel({ type: 'lock/turnOn', passphrase: NEW_PASSPHRASE }))).toMatch(/on already/);
  });

  it('locked: reads show nothing, writes are refused, and the ciphertext stays as it was', async () => {
    const { patientId, visitId } = await storeDana();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    valueOf(await fromPanel({ type: 'lock/lockNow' }));
    expect(await fakeBrowser.storage.session.get(dataKeyKey)).toEqual({});
    const sealed = await local();

    expect(await readCollection('patients')).toEqual({ entries: {}, unreadable: [], problem: 'locked' });
    await expect(readStoredData()).rejects.toThrow(lockedMessage());
    expect(errorOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { pronouns: { base: '', value: 'she' } } }))).toBe(lockedMessage());
    expect(errorOf(await fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { base: '', value: 'x' } }))).toBe(lockedMessage());
    expect(errorOf(await fromPanel({ type: 'patient/delete', patientId }))).toBe(lockedMessage());
    expect(errorOf(await fromPanel({ type: 'backup/import', backup: { format: 'rapport-backup', version: 1, exportedAt: 1, patients: {}, visits: {}, meetings: {} } }))).toBe(lockedMessage());
    expect(await local()).toEqual(sealed);

    // A wrong passphrase says so and opens nothing; the right one brings everything back.
    expect(errorOf(await fromPanel({ type: 'lock/unlock', passphrase: NEW_PASSPHRASE }))).toBe(wrongPassphraseMessage());
    expect((await readCollection('patients')).problem).toBe('locked');
    valueOf(await fromPanel({ type: 'lock/unlock', passphrase: PASSPHRASE }));
    expect((await readCollection('patients')).entries[patientId]?.notes.preferredName).toBe('Dana');
    expect(await local()).toEqual(sealed);
  });

  it('fails closed on tampered ciphertext: nothing shown, nothing written over, the lock stays on', async () => {
    const { patientId } = await storeDana();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    const patients = (await local()).patients as Envelope;
    await fakeBrowser.storage.local.set({ patients: { ...patients, data: flipBit(patients.data, 77) } });
    const tampered = await local();

    expect(await readCollection('patients')).toEqual({ entries: {}, unreadable: [], problem: 'tampered' });
    await expect(readStoredData()).rejects.toThrow(tamperedMessage());
    expect(errorOf(await fromPanel({ type: 'patient/updateNotes', patientId, notes: { pronouns: { base: '', value: 'she' } } }))).toBe(tamperedMessage());
    expect(errorOf(await fromPanel({ type: 'lock/turnOff', passphrase: PASSPHRASE }))).toMatch(/cannot be decrypted.*the lock stays on/);
    expect(await local()).toEqual(tampered);
  });

  it('changes the passphrase by re-encrypting every record under a new data key, without loss', async () => {
    await storeDana();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    const before = await readStoredData();
    const { [lockSettingsKey]: settingsBefore, ...recordsBefore } = await local();
    const oldKeyBytes = (await unwrapDataKey(settingsBefore as LockSettings, PASSPHRASE))!;

    expect(errorOf(await fromPanel({ type: 'lock/change', current: NEW_PASSPHRASE, next: NEW_PASSPHRASE }))).toBe(wrongPassphraseMessage());
    expect(await local()).toEqual({ [lockSettingsKey]: settingsBefore, ...recordsBefore });
    valueOf(await fromPanel({ type: 'lock/change', current: PASSPHRASE, next: NEW_PASSPHRASE }));
    const { [lockSettingsKey]: settingsAfter, ...recordsAfter } = await local();
    expect(Object.keys(recordsAfter).sort()).toEqual(Object.keys(recordsBefore).sort());
    // Every record is new ciphertext that the old data key no longer opens.
    const oldKey = await importDataKey(oldKeyBytes);
    for (const [name, value] of Object.entries(recordsAfter)) {
      if (!isEnvelope(value)) continue;
      expect(value).not.toEqual(recordsBefore[name]);
      expect(await decryptValue(oldKey, name, value)).toEqual(new Sealed('tampered'));
    }
    expect(toBase64((await unwrapDataKey(settingsAfter as LockSettings, NEW_PASSPHRASE))!)).not.toBe(toBase64(oldKeyBytes));
    // Unlocked with the new key straight away; the same data reads back.
    expect(await readStoredData()).toEqual(before);

    valueOf(await fromPanel({ type: 'lock/lockNow' }));
    expect(errorOf(await fromPanel({ type: 'lock/unlock', passphrase: PASSPHRASE }))).toBe(wrongPassphraseMessage());
    valueOf(await fromPanel({ type: 'lock/unlock', passphrase: NEW_PASSPHRASE }));
    expect(await readStoredData()).toEqual(before);
  });

  it('refuses to change the passphrase while a record does not decrypt, and changes nothing', async () => {
    await storeDana();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    const envelope = (await local()).patients as Envelope;
    await fakeBrowser.storage.local.set({ patients: { ...envelope, data: flipBit(envelope.data, 3) } });
    const tampered = await local();
    expect(errorOf(await fromPanel({ type: 'lock/change', current: PASSPHRASE, next: NEW_PASSPHRASE }))).toMatch(/cannot be decrypted.*passphrase stays as it was/);
    expect(await local()).toEqual(tampered);
  });

  it('turned off, stores everything unencrypted again, as it was', async () => {
    await storeDana();
    const plain = await local();
    valueOf(await fromPanel({ type: 'lock/turnOn', passphrase: PASSPHRASE }));
    expect(errorOf(await fromPanel({ type: 'lock/turnOff', passphrase: NEW_PASSPHRASE }))).toBe(wrongPassphraseMessage());
    valueOf(await fromPanel({ type: 'lock/turnOff', passphrase: PASSPHRASE }));
    expect(await local()).toEqual(plain);
    expect(await fakeBrowser.storage.session.get(dataKeyKey)).toEqual({});
    expect(errorOf(await fromPanel({ type: 'lock/unlock', passphrase: PASSPHRASE }))).toMatch(/lock is off/);
  });

  it('locks when the computer goes idle or its screen locks, after the chosen time', async () => {
    const listeners: ((state: string) => void)[] = [];
    const intervals: number[] = [];
    const idle: IdleApi = { setDetectionInterval: (seconds) => intervals.push(seconds), onStateChanged: { addListener: (listener) => listeners.push(listener) } };
    const control = createLockControl(createBackgroundStore(Date));
    await control.watchIdle(idle);
    expect(intervals).toEqual([15 * 60]);

    await control.turnOn(PASSPHRASE);
    await control.setIdleMinutes(5);
    expect(intervals.at(-1)).toBe(5 * 60);
    expect((await local())[lockSettingsKey]).toMatchObject({ idleMinutes: 5 });

    for (const state of ['active', 'idle', 'locked']) {
      await control.unlock(PASSPHRASE);
      for (const listener of listeners) listener(state);
      await expect.poll(async () => (await fakeBrowser.storage.session.get(dataKeyKey))[dataKeyKey] !== undefined).toBe(state === 'active');
    }
  });
});
