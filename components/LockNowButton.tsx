import { sendToBackground } from '@/utils/messages';

/** Closes the passphrase lock at once, everywhere (utils/lock.ts). */
export function LockNowButton() {
  return (
    <button type="button" class="icon" aria-label="Lock Rapport now" title="Lock now" onClick={() => void sendToBackground({ type: 'lock/lockNow' })}>
      <span aria-hidden="true">🔒</span>
    </button>
  );
}
