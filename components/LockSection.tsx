import { useSignal, type Signal } from '@preact/signals';
import { i18n } from '#i18n';
import { idleChoices, MIN_LOCK_PASSPHRASE, type LockSettings } from '@/utils/lock';
import { sendToBackground, type PanelToBackground } from '@/utils/messages';
import { useStore } from './useStore';
import { ActionOutcome } from './ActionOutcome';

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
    if (next.value.length < MIN_LOCK_PASSPHRASE) problem.value = i18n.t('lock.tooShort', [MIN_LOCK_PASSPHRASE]);
    else if (next.value !== nextAgain.value) problem.value = i18n.t('backup.passphrasesDiffer');
    else return next.value;
    status.value = '';
    return null;
  };

  return (
    <section class="card" aria-labelledby="lock-settings-heading">
      <h2 id="lock-settings-heading">{i18n.t('lock.heading')}</h2>
      {settings === null ? (
        <>
          <p class="quiet">{i18n.t('lock.intro')}</p>
          <PassphraseField id="lock-new" label={i18n.t('lock.passphrase')} value={next} autocomplete="new-password" />
          <PassphraseField id="lock-new-again" label={i18n.t('lock.passphraseAgain')} value={nextAgain} autocomplete="new-password" />
          <button
            type="button"
            disabled={busy.value}
            onClick={() => {
              const passphrase = newPassphrase();
              if (passphrase) void run({ type: 'lock/turnOn', passphrase }, i18n.t('lock.turnedOn'));
            }}
          >
            {i18n.t('lock.turnOn')}
          </button>
        </>
      ) : settings === 'damaged' ? (
        <p class="notice error">{i18n.t('lock.damaged')}</p>
      ) : (
        <>
          <p class="quiet">{i18n.t('lock.isOn')}</p>
          <button type="button" disabled={busy.value} onClick={() => void run({ type: 'lock/lockNow' }, '')}>
            {i18n.t('lock.lockNow')}
          </button>
          <div class="field">
            <label for="lock-idle">{i18n.t('lock.idleLabel')}</label>
            <select
              id="lock-idle"
              value={String(settings.idleMinutes)}
              onChange={(event) => void run({ type: 'lock/idleMinutes', minutes: Number(event.currentTarget.value) as LockSettings['idleMinutes'] }, i18n.t('lock.saved'))}
            >
              {idleChoices.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {i18n.t('lock.minutes', minutes)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{i18n.t('lock.changeOrOff')}</legend>
            <PassphraseField id="lock-current" label={i18n.t('lock.current')} value={current} autocomplete="current-password" />
            <PassphraseField id="lock-new" label={i18n.t('lock.new')} value={next} autocomplete="new-password" />
            <PassphraseField id="lock-new-again" label={i18n.t('lock.newAgain')} value={nextAgain} autocomplete="new-password" />
            <div class="row">
              <button
                type="button"
                disabled={busy.value}
                onClick={() => {
                  const passphrase = newPassphrase();
                  if (passphrase) void run({ type: 'lock/change', current: current.value, next: passphrase }, i18n.t('lock.changed'));
                }}
              >
                {i18n.t('lock.change')}
              </button>
              <button
                type="button"
                disabled={busy.value}
                onClick={() => void run({ type: 'lock/turnOff', passphrase: current.value }, i18n.t('lock.turnedOff'))}
              >
                {i18n.t('lock.turnOff')}
              </button>
            </div>
          </fieldset>
        </>
      )}
      <ActionOutcome problem={problem.value} status={status.value} />
    </section>
  );
}
