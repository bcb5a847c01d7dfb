import { browser } from '#imports';
import * as v from 'valibot';
import { i18n } from '#i18n';
import { deriveKey, fromBase64, PBKDF2_ITERATIONS, toBase64 } from './passphrase-crypto';

/**
 * The optional passphrase lock: encryption at rest of the stored values that hold patient data.
 *
 * One random data key (AES-GCM-256) encrypts those values; the passphrase's key (PBKDF2-SHA-256,
 * 600,000 iterations, utils/passphrase-crypto.ts) only wraps the data key, so changing the
 * passphrase rewraps 32 bytes and never touches the records. While unlocked, the data key's bytes
 * sit in `storage.session` (memory only, trusted contexts only, cleared when the browser closes),
 * so the background and every extension page can decrypt what they read. Its absence is "locked".
 */

/** In local storage, beside the data: how the data key is wrapped, and the idle time. No patient data. */
export const lockSettingsKey = 'lock';
/** In session storage while unlocked: the data key's bytes (base64). */
export const dataKeyKey = 'lockKey';

export const idleChoices = [5, 15, 30, 60] as const;
export const defaultIdleMinutes = 15;
/** Short passphrases fall to guessing whatever the key derivation costs (as for backup files). */
export const MIN_LOCK_PASSPHRASE = 10;

const base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const SEALED = 'rapport-sealed';

/** An encrypted stored value: AES-GCM with a fresh IV each write, bound to its storage key. */
export const EnvelopeSchema = v.object({ sealed: v.literal(SEALED), v: v.literal(1), iv: base64, data: base64 });
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

export const LockSettingsSchema = v.object({
  v: v.literal(1),
  salt: base64,
  iterations: v.pipe(v.number(), v.integer(), v.minValue(PBKDF2_ITERATIONS), v.maxValue(10_000_000)),
  wrappedKey: EnvelopeSchema,
  idleMinutes: v.picklist(idleChoices),
});
export type LockSettings = v.InferOutput<typeof LockSettingsSchema>;

export const lockedMessage = () => i18n.t('lock.lockedMessage');
export const tamperedMessage = () => i18n.t('lock.tamperedMessage');
export const wrongPassphraseMessage = () => i18n.t('lock.wrongPassphrase');

/** Why a stored value cannot be read: no key (locked), or its ciphertext does not authenticate (tampered). */
export class Sealed {
  constructor(readonly reason: 'locked' | 'tampered') {}
}

/** The stored values that hold patient data: encrypted while the lock is on. */
export function isPatientDataKey(key: string): boolean {
  return key === 'patients' || key === 'visitIndex' || key === 'patientDirectory' || key.startsWith('visit:');
}

export function isEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === SEALED;
}

const encoder = new TextEncoder();

async function seal(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>, boundTo: string): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) }, key, bytes));
  return { sealed: SEALED, v: 1, iv: toBase64(iv), data: toBase64(data) };
}

/** The plain bytes, or null when the envelope is malformed or does not authenticate (wrong key, changed bits, moved to another key). */
async function unseal(key: CryptoKey, envelope: unknown, boundTo: string): Promise<Uint8Array | null> {
  const parsed = v.safeParse(EnvelopeSchema, envelope);
  if (!parsed.success) return null;
  try {
    const iv = fromBase64(parsed.output.iv);
    if (iv.length !== 12) return null;
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) }, key, fromBase64(parsed.output.data)));
  } catch {
    return null;
  }
}

export function importDataKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** A stored value encrypted for `storageKey` (the key name is authenticated too, so values cannot be swapped). */
export function encryptValue(key: CryptoKey, storageKey: string, value: unknown): Promise<Envelope> {
  return seal(key, encoder.encode(JSON.stringify(value)), storageKey);
}

export async function decryptValue(key: CryptoKey, storageKey: string, envelope: unknown): Promise<unknown> {
  const plain = await unseal(key, envelope, storageKey);
  if (!plain) return new Sealed('tampered');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return new Sealed('tampered');
  }
}

/** New lock settings: the data key wrapped under a key derived from the passphrase with a fresh salt. */
export async function wrapDataKey(dataKey: Uint8Array<ArrayBuffer>, passphrase: string, idleMinutes: LockSettings['idleMinutes'], iterations = PBKDF2_ITERATIONS): Promise<LockSettings> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrappingKey = await deriveKey(passphrase, salt, iterations);
  return { v: 1, salt: toBase64(salt), iterations, wrappedKey: await seal(wrappingKey, dataKey, lockSettingsKey), idleMinutes };
}

/** The data key's bytes, or null for a wrong passphrase (or changed settings: GCM cannot tell them apart). */
export async function unwrapDataKey(settings: LockSettings, passphrase: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const wrappingKey = await deriveKey(passphrase, fromBase64(settings.salt), settings.iterations);
  const bytes = await unseal(wrappingKey, settings.wrappedKey, lockSettingsKey);
  return bytes && bytes.length === 32 ? new Uint8Array(bytes) : null;
}

/** The lock's settings as stored: null when it is off; a damaged value counts as on (fail closed) but cannot unlock. */
export function readLockSettings(stored: unknown): LockSettings | 'damaged' | null {
  if (stored === undefined) return null;
  const parsed = v.safeParse(LockSettingsSchema, stored);
  return parsed.success ? parsed.output : 'damaged';
}

let cachedKey: { text: string; key: Promise<CryptoKey> } | null = null;

/** The data key held in session storage while unlocked, or null. Read fresh each time, so a lock anywhere holds at once. */
export async function heldDataKey(): Promise<CryptoKey | null> {
  const text = (await browser.storage.session.get(dataKeyKey))[dataKeyKey];
  if (typeof text !== 'string') return null;
  if (cachedKey?.text !== text) cachedKey = { text, key: importDataKey(fromBase64(text)) };
  return cachedKey.key;
}

/**
 * Stored values with each envelope decrypted, or replaced by a `Sealed` saying why it cannot be.
 * Values stored plain (the lock off, or written before it was turned on) pass as they are, and
 * with no envelope among them nothing more is read.
 */
export async function openValues(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const sealedKeys = Object.keys(values).filter((key) => isEnvelope(values[key]));
  if (sealedKeys.length === 0) return values;
  const key = await heldDataKey();
  const opened = { ...values };
  await Promise.all(sealedKeys.map(async (name) => (opened[name] = key ? await decryptValue(key, name, values[name]) : new Sealed('locked'))));
  return opened;
}

/**
 * Writes as they go to local storage: while the lock is on, every patient data value encrypted
 * with the held key. Null when the lock is on, a patient data value is among them and no key is
 * held (locked): the writer refuses the change.
 */
export async function sealWrites(writes: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const toSeal = Object.keys(writes).filter(isPatientDataKey);
  if (toSeal.length === 0) return writes;
  const settings = readLockSettings((await browser.storage.local.get(lockSettingsKey))[lockSettingsKey]);
  if (settings === null) return writes;
  const key = await heldDataKey();
  if (!key) return null;
  const sealed = { ...writes };
  await Promise.all(toSeal.map(async (name) => (sealed[name] = await encryptValue(key, name, writes[name]))));
  return sealed;
}
