import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { EarlyRead } from '@/utils/early-read';

/**
 * The storage keys of utils/early-read.ts `firstCollections` (each with its schema version) and
 * of the set-aside count and the passphrase lock’s settings (utils/lock.ts); written out here so this script imports nothing (a unit test checks they agree).
 */
export const earlyReadKeys = ['patientDirectory', 'patientDirectory$', 'settings', 'settings$', 'setAside', 'lock'];

type Storage = {
  local: { get(keys: string[]): Promise<Record<string, unknown>> };
  onChanged: { addListener(listener: (changes: Record<string, unknown>, area: string) => void): void };
};

/**
 * A classic script in the options page's <head> (`/options-early.js`): starts reading the patient
 * directory while the page's modules are still loading, so its list can be painted as soon as they
 * run (utils/early-read.ts hands the result to the page's store). Self-contained and on the
 * browser's native API, so it stays a few hundred bytes.
 */
export default defineUnlistedScript(() => {
  const storage = (globalThis as unknown as { chrome?: { storage?: Partial<Storage> } }).chrome?.storage;
  if (!storage?.local || !storage.onChanged) return;
  const early: EarlyRead = { read: storage.local.get(earlyReadKeys), changed: false };
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && earlyReadKeys.some((key) => key in changes)) early.changed = true;
  });
  (globalThis as unknown as { rapportEarlyRead?: EarlyRead }).rapportEarlyRead = early;
});
