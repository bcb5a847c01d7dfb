import { useSignal, type Signal } from '@preact/signals';
import { idleChoices, MIN_LOCK_PASSPHRASE, type LockSettings } from '@/utils/lock';
import { sendToBackground, type PanelToBackground } from '@/utils/messages';
import { useStore } from './useStore';

function PassphraseField({ id, label, value, autocomplete }: { id: string; label: string; value: Signal<string>; autocomplete: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="password" autocomplete={autocomplete} value={value.value} onInput={(event) => (value.value = event.currentTarget.value)} />
    </div>
  );
}

/** The passphrase lock on the options page: turn it on, lock now, the idle time, change the passphrase, turn it off. */
export function LockSection() {
  const store = useStore();
  const settings = store.lockSettings.value;
  const current = useSignal('');
  const next = useSignal('');
  const nextAgain = useSignal('');
  const busy = useSignal(false);
  const status = useSignal('');
  const problem = useSignal('');

  const run = async (message: PanelToBackground, done: string) => {
    busy.value = true;
    status.value = '';
    problem.value = '';
    const reply = await sendToBackground(message);
    busy.value = false;
    if (!reply.ok) return void (problem.value = reply.error);
    current.value = next.value = nextAgain.value = '';
    status.value = done;
  };
  /** A new passphrase typed twice, long enough; else the problem is shown and nothing is sent. */
  const newPassphrase = () => {
    if (next.value.length < MIN_LOCK_PASSPHRASE) problem.value = `Use a passphrase of at least ${MIN_LOCK_PASSPHRASE} characters.`;
    else if (next.value !== nextAgain.value) problem.value = 'The two passphrases differ. Type the same one twice.';
    else return next.value;
    status.value = '';
    return null;
  };

  return (
    <section class="card" aria-labelledby="lock-settings-heading">
      <h2 id="lock-settings-heading">Passphrase lock</h2>
      {settings === null ? (
        <>
          <p class="quiet">
            Off unless you choose. When on, patient records are encrypted on this computer and Rapport shows them only after you enter your
            passphrase. It locks again when the browser closes and when the computer is left idle. If you forget the passphrase, nobody can
            read the records again: export a backup first.
          </p>
          <PassphraseField id="lock-new" label="Passphrase" value={next} autocomplete="new-password" />
          <PassphraseField id="lock-new-again" label="The same passphrase again" value={nextAgain} autocomplete="new-password" />
          <button
            type="button"
            disabled={busy.value}
            onClick={() => {
              const passphrase = newPassphrase();
              if (passphrase) void run({ type: 'lock/turnOn', passphrase }, 'The lock is on: patient records are encrypted.');
            }}
          >
            Turn on the lock
          </button>
        </>
      ) : settings === 'damaged' ? (
        <p class="notice error">The lock’s saved settings are damaged, so Rapport cannot unlock. Your encrypted records are left as they are.</p>
      ) : (
        <>
          <p class="quiet">On: patient records are encrypted on this computer.</p>
          <button type="button" disabled={busy.value} onClick={() => void run({ type: 'lock/lockNow' }, '')}>
            Lock now
          </button>
          <div class="field">
            <label for="lock-idle">Lock when the computer is idle for</label>
            <select
              id="lock-idle"
              value={String(settings.idleMinutes)}
              onChange={(event) => void run({ type: 'lock/idleMinutes', minutes: Number(event.currentTarget.value) as LockSettings['idleMinutes'] }, 'Saved.')}
            >
              {idleChoices.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {minutes} minutes
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>Change or turn off</legend>
            <PassphraseField id="lock-current" label="Current passphrase" value={current} autocomplete="current-password" />
            <PassphraseField id="lock-new" label="New passphrase" value={next} autocomplete="new-password" />
            <PassphraseField id="lock-new-again" label="The new passphrase again" value={nextAgain} autocomplete="new-password" />
            <div class="row">
              <button
                type="button"
                disabled={busy.value}
                onClick={() => {
                  const passphrase = newPassphrase();
                  if (passphrase) void run({ type: 'lock/change', current: current.value, next: passphrase }, 'The passphrase is changed.');
                }}
              >
                Change passphrase
              </button>
              <button
                type="button"
                disabled={busy.value}
                onClick={() => void run({ type: 'lock/turnOff', passphrase: current.value }, 'The lock is off: patient records are stored unencrypted again.')}
              >
                Turn off the lock
              </button>
            </div>
          </fieldset>
        </>
      )}
      {problem.value && (
        <p role="alert" class="notice error">
          {problem.value}
        </p>
      )}
      <p role="status" class="quiet">
        {status.value}
      </p>
    </section>
  );
}
