import { i18n } from '#i18n';
/**
 * Storage limits. chrome.storage.local holds 10 MB for Rapport (it does not ask for
 * unlimitedStorage), so the background warns once a write leaves it more than 80% full, and a
 * write refused for a passing reason is tried again a few times before the therapist is told.
 */
export const LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;
export const WARN_ABOVE_SHARE = 0.8;

/** Session key the background sets while local storage is nearly full, and removes once it is not. */
export const storageNearlyFullKey = 'storageNearlyFull';

export const storageNearlyFullNotice = () => i18n.t('storage.nearlyFull');

/** Waits before the second and third tries of a refused write. */
export const writeRetryDelaysMs = [100, 400];

export function isQuotaError(error: unknown): boolean {
  return /quota/i.test(error instanceof Error ? error.message : String(error));
}

/** Runs `write`, trying again after each delay when it fails for a reason that may pass; a full store is not retried. */
export async function withRetries<T>(write: () => Promise<T>, delaysMs: readonly number[] = writeRetryDelaysMs): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (isQuotaError(error) || attempt >= delaysMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}
