import { browser } from '#imports';
import { i18n } from '#i18n';
import { StoreError, type BackgroundStore } from './background-store';
import {
  dataKeyKey,
  decryptValue,
  defaultIdleMinutes,
  encryptValue,
  importDataKey,
  isEnvelope,
  isPatientDataKey,
  lockSettingsKey,
  MIN_LOCK_PASSPHRASE,
  readLockSettings,
  Sealed,
  unwrapDataKey,
  wrapDataKey,
  wrongPassphraseMessage,
  type LockSettings,
} from './lock';
import { PBKDF2_ITERATIONS, toBase64 } from './passphrase-crypto';

/** The part of `browser.idle` the lock uses. */
export interface IdleApi {
  setDetectionInterval(seconds: number): void;
  onStateChanged: { addListener(listener: (state: string) => void): void };
}

/**
 * The background's side of the passphrase lock (utils/lock.ts): turning it on and off, unlocking,
 * locking, changing the passphrase, and locking when the computer is left idle. Rewrites of the
 * stored data run in the writer's queue, so no other change interleaves with them.
 */
export function createLockControl(store: BackgroundStore, options: { onUnlocked?: () => void; iterations?: number } = {}) {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  /** The idle API watched (set by `watchIdle`), told each new idle time. */
  let watchedIdle: IdleApi | undefined;

  async function settingsOrRefuse(): Promise<LockSettings> {
    const settings = readLockSettings((await browser.storage.local.get(lockSettingsKey))[lockSettingsKey]);
    if (settings === null) throw new StoreError(i18n.t('lock.isOff'));
    if (settings === 'damaged') throw new StoreError(i18n.t('lock.settingsDamaged'));
    return settings;
  }

  async function dataKeyBytes(settings: LockSettings, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = await unwrapDataKey(settings, passphrase);
    if (!bytes) throw new StoreError(wrongPassphraseMessage());
    return bytes;
  }

  function checkNew(passphrase: string) {
    if (passphrase.length < MIN_LOCK_PASSPHRASE) throw new StoreError(i18n.t('lock.tooShort', [MIN_LOCK_PASSPHRASE]));
  }

  /** Every patient data value in local storage, each encrypted (or decrypted) by `change`, written in one call. */
  async function rewritePatientData(change: (name: string, value: unknown) => Promise<unknown>): Promise<Record<string, unknown>> {
    const everything = await browser.storage.local.get(null);
    const writes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(everything)) if (isPatientDataKey(name)) writes[name] = await change(name, value);
    return writes;
  }

  function turnOn(passphrase: string): Promise<void> {
    checkNew(passphrase);
    return store.exclusive(async () => {
      if (readLockSettings((await browser.storage.local.get(lockSettingsKey))[lockSettingsKey]) !== null) throw new StoreError(i18n.t('lock.alreadyOn'));
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      const settings = await wrapDataKey(bytes, passphrase, defaultIdleMinutes, iterations);
      const key = await importDataKey(bytes);
      const writes = await rewritePatientData((name, value) => (isEnvelope(value) ? Promise.resolve(value) : encryptValue(key, name, value)));
      // The key is held first: stopped in between, the data is still plain and the lock off.
      await browser.storage.session.set({ [dataKeyKey]: toBase64(bytes) });
      await browser.storage.local.set({ ...writes, [lockSettingsKey]: settings });
      watchedIdle?.setDetectionInterval(settings.idleMinutes * 60);
    });
  }

  async function unlock(passphrase: string): Promise<void> {
    const bytes = await dataKeyBytes(await settingsOrRefuse(), passphrase);
    await browser.storage.session.set({ [dataKeyKey]: toBase64(bytes) });
    options.onUnlocked?.();
  }

  function lockNow(): Promise<void> {
    return browser.storage.session.remove(dataKeyKey);
  }

  /**
   * A new passphrase gets a new data key: every record is decrypted with the old key and encrypted
   * with the new one, and written with the new wrapped key in one storage call, so the old
   * passphrase (or a copy of the old wrapped key) opens nothing written from now on. A value that
   * does not decrypt refuses the change and nothing is written.
   */
  function changePassphrase(current: string, next: string): Promise<void> {
    checkNew(next);
    return store.exclusive(async () => {
      const settings = await settingsOrRefuse();
      const oldKey = await importDataKey(await dataKeyBytes(settings, current));
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      const newKey = await importDataKey(bytes);
      const writes = await rewritePatientData(async (name, value) => {
        if (!isEnvelope(value)) return encryptValue(newKey, name, value);
        const plain = await decryptValue(oldKey, name, value);
        if (plain instanceof Sealed) throw new StoreError(i18n.t('lock.cannotDecryptForChange'));
        return encryptValue(newKey, name, plain);
      });
      // Pages hold the old key until the new one is in place: locked in between (they re-read on
      // unlock), so none reads new ciphertext with the old key. Stopped half-way, the data and its
      // wrapped key still match, and the passphrase that opens them is the one last saved.
      await browser.storage.session.remove(dataKeyKey);
      await browser.storage.local.set({ ...writes, [lockSettingsKey]: await wrapDataKey(bytes, next, settings.idleMinutes, iterations) });
      await browser.storage.session.set({ [dataKeyKey]: toBase64(bytes) });
    });
  }

  /** Decrypts everything back in one write; a value that does not decrypt keeps the lock on and nothing changes. */
  function turnOff(passphrase: string): Promise<void> {
    return store.exclusive(async () => {
      const key = await importDataKey(await dataKeyBytes(await settingsOrRefuse(), passphrase));
      const writes = await rewritePatientData(async (name, value) => (isEnvelope(value) ? decryptValue(key, name, value) : value));
      if (Object.values(writes).some((value) => value instanceof Sealed)) {
        throw new StoreError(i18n.t('lock.cannotDecrypt'));
      }
      // Plain values first: stopped in between, the lock is still on and encrypts them again on the next change.
      await browser.storage.local.set(writes);
      await browser.storage.local.remove(lockSettingsKey);
      await browser.storage.session.remove(dataKeyKey);
    });
  }

  function setIdleMinutes(idleMinutes: LockSettings['idleMinutes']): Promise<void> {
    return store.exclusive(async () => {
      const settings = await settingsOrRefuse();
      await browser.storage.local.set({ [lockSettingsKey]: { ...settings, idleMinutes } });
      watchedIdle?.setDetectionInterval(idleMinutes * 60);
    });
  }

  /** Locks when the computer has been idle for the chosen time, or its screen is locked. */
  async function watchIdle(idle: IdleApi | undefined): Promise<void> {
    if (!idle) return;
    watchedIdle = idle;
    idle.onStateChanged.addListener((state) => {
      if (state === 'idle' || state === 'locked') void lockNow();
    });
    const settings = readLockSettings((await browser.storage.local.get(lockSettingsKey))[lockSettingsKey]);
    idle.setDetectionInterval((settings && settings !== 'damaged' ? settings.idleMinutes : defaultIdleMinutes) * 60);
  }

  return { turnOn, unlock, lockNow, changePassphrase, turnOff, setIdleMinutes, watchIdle };
}

export type LockControl = ReturnType<typeof createLockControl>;
