import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptError, decryptText, encryptText, isEncrypted, PBKDF2_ITERATIONS, type Encrypted } from '@/utils/passphrase-crypto';

// 600,000 PBKDF2 rounds cost about half a second per key here: the properties that do not depend
// on the count (round trip, tamper detection) run with few rounds; one test checks the real count.
const passphrase = 'correct horse battery staple';
const FAST = 1000;

function flipBit(base64: string, bit: number): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const index = Math.floor(bit / 8) % bytes.length;
  bytes[index]! ^= 1 << bit % 8;
  return btoa(String.fromCharCode(...bytes));
}

describe('passphrase encryption (AES-GCM-256, PBKDF2-SHA-256)', () => {
  it('writes 600,000 PBKDF2 rounds and reads them back, with a fresh salt and IV every time', async () => {
    const sealed = await encryptText('{"patients":{}}', passphrase);
    expect(sealed.kdf.iterations).toBe(PBKDF2_ITERATIONS);
    expect(isEncrypted(sealed)).toBe(true);
    expect(await decryptText(sealed, passphrase)).toBe('{"patients":{}}');
    const again = await encryptText('{"patients":{}}', passphrase, FAST);
    expect(again.kdf.salt).not.toBe(sealed.kdf.salt);
    expect(again.cipher.iv).not.toBe(sealed.cipher.iv);
    // A file with fewer rounds than Rapport writes is refused.
    await expect(decryptText(again, passphrase)).rejects.toThrow('header');
  }, 30_000);

  it('decrypt(encrypt(x)) = x for any text and passphrase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 3000 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), async (text, secret) => {
        expect(await decryptText(await encryptText(text, secret, FAST), secret, FAST)).toBe(text);
      }),
      { numRuns: 40 },
    );
    const large = 'é'.repeat(100_000);
    expect(await decryptText(await encryptText(large, passphrase, FAST), passphrase, FAST)).toBe(large);
  }, 30_000);

  it('rejects a wrong passphrase with a plain message', async () => {
    const sealed = await encryptText('secret notes', passphrase, FAST);
    await expect(decryptText(sealed, 'Correct horse battery staple', FAST)).rejects.toThrow(DecryptError);
    await expect(decryptText(sealed, 'wrong', FAST)).rejects.toThrow('Wrong passphrase, or the file was changed after it was saved.');
  }, 30_000);

  it('rejects any flipped bit of the ciphertext or the IV', async () => {
    const sealed = await encryptText('Sam: why = walk the dog again', passphrase, FAST);
    const dataBits = atob(sealed.data).length * 8;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'data' | 'iv'>('data', 'iv'), fc.nat(), async (part, bit) => {
        const tampered: Encrypted =
          part === 'data' ? { ...sealed, data: flipBit(sealed.data, bit % dataBits) } : { ...sealed, cipher: { ...sealed.cipher, iv: flipBit(sealed.cipher.iv, bit % 96) } };
        await expect(decryptText(tampered, passphrase, FAST)).rejects.toThrow(DecryptError);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('names a damaged header', async () => {
    const sealed = await encryptText('x', passphrase, FAST);
    await expect(decryptText({ ...sealed, kdf: { ...sealed.kdf, iterations: 'many' } }, passphrase, FAST)).rejects.toThrow('header');
    await expect(decryptText({ ...sealed, cipher: { ...sealed.cipher, iv: 'AAAA' } }, passphrase, FAST)).rejects.toThrow('wrong length');
    await expect(decryptText({ ...sealed, data: 'not base64!' }, passphrase, FAST)).rejects.toThrow('header');
    await expect(decryptText({ ...sealed, data: 'QUJD=A==' }, passphrase, FAST)).rejects.toThrow(DecryptError);
    await expect(decryptText({ format: 'rapport-backup' }, passphrase)).rejects.toThrow(DecryptError);
    expect(isEncrypted({ format: 'rapport-backup' })).toBe(false);
  }, 30_000);
});
