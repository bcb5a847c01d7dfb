import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { framedWithoutSession } from '@/utils/frame-relay';
import { sendToBackground } from '@/utils/messages';
import { ActionOutcome } from './ActionOutcome';

/** What every panel shows while the passphrase lock is closed: the passphrase field, and no patient data. */
export function LockView() {
  const passphrase = useSignal('');
  const busy = useSignal(false);
  const problem = useSignal('');
  const unlock = async () => {
    busy.value = true;
    problem.value = '';
    const reply = await sendToBackground({ type: 'lock/unlock', passphrase: passphrase.value });
    busy.value = false;
    if (reply.ok) passphrase.value = '';
    else problem.value = reply.error;
  };
  // Firefox's panel frame on a call page never gets the key (utils/frame-relay.ts): unlocking is for the sidebar.
  if (framedWithoutSession()) {
    return (
      <section class="card lock-view" aria-labelledby="lock-heading">
        <h2 id="lock-heading">{i18n.t('lock.lockedHeading')}</h2>
        <p>{i18n.t('lock.sidebarOnly')}</p>
      </section>
    );
  }
  return (
    <section class="card lock-view" aria-labelledby="lock-heading">
      <h2 id="lock-heading">{i18n.t('lock.lockedHeading')}</h2>
      <p class="quiet">{i18n.t('lock.lockedIntro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void unlock();
        }}
      >
        <div class="field">
          <label for="lock-passphrase">{i18n.t('lock.passphrase')}</label>
          <input id="lock-passphrase" type="password" autocomplete="current-password" value={passphrase.value} onInput={(event) => (passphrase.value = event.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? i18n.t('lock.unlocking') : i18n.t('lock.unlock')}
        </button>
      </form>
      <ActionOutcome problem={problem.value} />
    </section>
  );
}
