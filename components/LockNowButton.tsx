import { i18n } from '#i18n';
import { sendToBackground } from '@/utils/messages';

/** Closes the passphrase lock at once, everywhere (utils/lock.ts). */
export function LockNowButton() {
  return (
    <button type="button" class="icon" aria-label={i18n.t('lock.lockNowLabel')} title={i18n.t('lock.lockNowTitle')} onClick={() => void sendToBackground({ type: 'lock/lockNow' })}>
      <span aria-hidden="true">🔒</span>
    </button>
  );
}
