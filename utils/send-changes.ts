import { effect } from '@preact/signals';

/**
 * Sends each value `current` gives (undefined: not ready) that differs from the last one the call page
 * has, starting from what it applied; `send` says whether the message went, so a value not sent yet
 * (the tab not known) goes once it can. Returns the effect's disposer.
 */
export function sendChanges<T>(applied: T | undefined, current: () => T | undefined, send: (value: T) => boolean): () => void {
  let pageHas = applied;
  return effect(() => {
    const value = current();
    if (value === undefined || value === pageHas) return;
    if (send(value)) pageHas = value;
  });
}
