/**
 * A stored or exported value as JSON with every base64 string decoded, to look for a patient's name
 * in what it really holds: random ciphertext written as base64 can spell a short name by chance
 * (about once in a hundred backup files for "Sam"), and base64 of plain text would hide one.
 */
export function decodedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' && /^[A-Za-z0-9+/]{16,}={0,2}$/.test(item) ? Buffer.from(item, 'base64').toString('latin1') : item,
  );
}
