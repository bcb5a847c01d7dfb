import * as v from 'valibot';
import { i18n } from '#i18n';

/**
 * Encryption with a passphrase, for backup files: AES-GCM-256 (WebCrypto) under a key derived with
 * PBKDF2-SHA-256 at 600,000 iterations (OWASP's current minimum for that hash), a fresh random salt
 * and IV every time. GCM authenticates what it encrypts, so a wrong passphrase and a changed file
 * both fail, and nothing half-decrypted ever comes out.
 */
export const ENCRYPTED_FORMAT = 'rapport-encrypted';
export const PBKDF2_ITERATIONS = 600_000;

const base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));

export const EncryptedSchema = v.object({
  format: v.literal(ENCRYPTED_FORMAT),
  version: v.literal(1),
  kdf: v.object({ name: v.literal('PBKDF2'), hash: v.literal('SHA-256'), iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)), salt: base64 }),
  cipher: v.object({ name: v.literal('AES-GCM'), iv: base64 }),
  data: base64,
});
export type Encrypted = v.InferOutput<typeof EncryptedSchema>;

/** What a therapist reads when decryption fails: it cannot tell a wrong passphrase from a changed file. */
export class DecryptError extends Error {}

export function isEncrypted(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === ENCRYPTED_FORMAT;
}

/** In slices whose length is a multiple of 3 (no padding inside), since spreading megabytes into one call overflows the stack. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += 3 * 0x2000) text += btoa(String.fromCharCode(...bytes.subarray(offset, offset + 3 * 0x2000)));
  return text;
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Also derives the passphrase lock's key (utils/lock.ts). */
export async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function encryptText(plain: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Encrypted> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)));
  return {
    format: ENCRYPTED_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(data),
  };
}

/** `minimumIterations` is lowered only by tests of properties that do not depend on it. */
export async function decryptText(encrypted: unknown, passphrase: string, minimumIterations = PBKDF2_ITERATIONS): Promise<string> {
  const parsed = v.safeParse(EncryptedSchema, encrypted);
  if (!parsed.success || parsed.output.kdf.iterations < minimumIterations) {
    throw new DecryptError(i18n.t('backup.damagedHeader'));
  }
  const { kdf, cipher, data } = parsed.output;
  let parts: { salt: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> };
  try {
    parts = { salt: fromBase64(kdf.salt), iv: fromBase64(cipher.iv), data: fromBase64(data) };
  } catch {
    throw new DecryptError(i18n.t('backup.damagedBase64'));
  }
  if (parts.salt.length < 16 || parts.iv.length !== 12) throw new DecryptError(i18n.t('backup.damagedLengths'));
  const key = await deriveKey(passphrase, parts.salt, kdf.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: parts.iv }, key, parts.data);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new DecryptError(i18n.t('backup.wrongPassphrase'));
  }
}
