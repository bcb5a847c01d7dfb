import type { CollectionName } from './storage';

/**
 * What the options page shows on its first paint: the patient list, and the settings its form
 * shows (small). Everything else is read after that paint.
 */
export const firstCollections: readonly CollectionName[] = ['patientDirectory', 'settings'];

/**
 * The options page's first read, started by a small classic script in its <head>
 * (entrypoints/options-early.ts, which also names the keys) while the page's modules are still
 * loading, and taken over by its store (utils/panel-store.ts), which reads again if one of those
 * keys changed before the store was listening.
 */
export interface EarlyRead {
  read: Promise<Record<string, unknown>>;
  /** One of the keys changed after the read started: its result may be stale. */
  changed: boolean;
}

/** The early read, once: a later load of the page's store reads for itself. */
export function takeEarlyRead(): EarlyRead | undefined {
  const global = globalThis as unknown as { rapportEarlyRead?: EarlyRead };
  const early = global.rapportEarlyRead;
  global.rapportEarlyRead = undefined;
  return early;
}
