import { useSignal } from '@preact/signals';
import { sendToBackground } from '@/utils/messages';

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
  return (
    <section class="card lock-view" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Rapport is locked</h2>
      <p class="quiet">Patient records are encrypted on this computer. Enter your passphrase to see them.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void unlock();
        }}
      >
        <div class="field">
          <label for="lock-passphrase">Passphrase</label>
          <input id="lock-passphrase" type="password" autocomplete="current-password" value={passphrase.value} onInput={(event) => (passphrase.value = event.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
      {problem.value && (
        <p role="alert" class="notice error">
          {problem.value}
        </p>
      )}
    </section>
  );
}
