import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { describePlan, makeBackup, mergeBackup, parseBackup, type Backup, type ImportPlan } from '@/utils/backup';
import { downloadText, today } from '@/utils/download';
import { sendToBackground } from '@/utils/messages';
import { DecryptError, decryptText, encryptText, isEncrypted } from '@/utils/passphrase-crypto';
import { readStoredData } from '@/utils/storage';
import { ActionOutcome } from './ActionOutcome';

/** Short passphrases fall to guessing whatever the key derivation costs. */
const MIN_PASSPHRASE = 10;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Saves every patient and visit to a file, and brings a file back in, adding without overwriting. */
export function BackupSection() {
  const pending = useSignal<{ backup: Backup; preview: string } | null>(null);
  /** An encrypted file chosen for import, waiting for its passphrase. */
  const locked = useSignal<unknown>(null);
  const busy = useSignal(false);
  const status = useSignal('');
  const problem = useSignal('');
  const passphrase = useSignal('');
  const passphraseAgain = useSignal('');
  const unlockWith = useSignal('');

  const exportAll = async () => {
    status.value = '';
    problem.value = '';
    const secret = passphrase.value;
    if (secret && secret.length < MIN_PASSPHRASE) return void (problem.value = i18n.t('backup.passphraseTooShort', [MIN_PASSPHRASE]));
    if (secret !== passphraseAgain.value) return void (problem.value = i18n.t('backup.passphrasesDiffer'));
    busy.value = true;
    let stored: Awaited<ReturnType<typeof readStoredData>>;
    try {
      stored = await readStoredData();
    } catch (error) {
      busy.value = false;
      return void (problem.value = error instanceof Error ? error.message : String(error));
    }
    const backup = makeBackup(stored, Date.now());
    const text = JSON.stringify(backup, null, 2);
    const counts = i18n.t('backup.counts', [
      i18n.t('options.patientCount', Object.keys(backup.patients).length),
      i18n.t('patient.visitCount', Object.keys(backup.visits).length),
    ]);
    if (secret) {
      downloadText(JSON.stringify(await encryptText(text, secret), null, 2), `rapport-backup-${today()}.encrypted.json`, 'application/json');
      status.value = i18n.t('backup.savedEncrypted', [counts]);
    } else {
      downloadText(text, `rapport-backup-${today()}.json`, 'application/json');
      status.value = i18n.t('backup.savedPlain', [counts]);
    }
    busy.value = false;
  };

  const review = async (text: string) => {
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      problem.value = parsed.problem;
      return;
    }
    pending.value = { backup: parsed.backup, preview: describePlan(mergeBackup(await readStoredData(), parsed.backup).plan) };
  };

  const choose = async (file: File | undefined) => {
    pending.value = null;
    locked.value = null;
    status.value = '';
    problem.value = '';
    if (!file) return;
    const text = await file.text();
    if (isEncrypted(parseJson(text))) locked.value = parseJson(text);
    else await review(text);
  };

  const unlock = async () => {
    problem.value = '';
    busy.value = true;
    try {
      await review(await decryptText(locked.value, unlockWith.value));
      locked.value = null;
      unlockWith.value = '';
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      problem.value = error.message;
    } finally {
      busy.value = false;
    }
  };

  const confirm = async () => {
    const backup = pending.value?.backup;
    if (!backup) return;
    const reply = await sendToBackground<ImportPlan>({ type: 'backup/import', backup });
    pending.value = null;
    if (reply.ok) status.value = i18n.t('backup.imported', [describePlan(reply.value, 'done')]);
    else problem.value = reply.error;
  };

  return (
    <section class="card" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{i18n.t('backup.heading')}</h2>
      <p class="quiet">{i18n.t('backup.intro')}</p>
      <div class="field">
        <label for="backup-passphrase">{i18n.t('backup.passphraseLabel')}</label>
        <input id="backup-passphrase" type="password" autocomplete="new-password" value={passphrase.value} onInput={(event) => (passphrase.value = event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="backup-passphrase-again">{i18n.t('backup.passphraseAgainLabel')}</label>
        <input id="backup-passphrase-again" type="password" autocomplete="new-password" value={passphraseAgain.value} onInput={(event) => (passphraseAgain.value = event.currentTarget.value)} />
      </div>
      <div class="row">
        <button type="button" disabled={busy.value} onClick={() => void exportAll()}>
          {i18n.t('backup.exportAll')}
        </button>
      </div>
      <div class="field">
        <label for="backup-file">{i18n.t('backup.importLabel')}</label>
        <input id="backup-file" type="file" accept=".json,application/json" onChange={(event) => {
            const input = event.currentTarget;
            void choose(input.files?.[0]);
            // Choosing the same file again (say, after fixing it) must read it again.
            input.value = '';
          }}
        />
      </div>
      {locked.value !== null && (
        <form
          class="prompt card"
          onSubmit={(event) => {
            event.preventDefault();
            void unlock();
          }}
        >
          <div class="field">
            <label for="backup-unlock">{i18n.t('backup.unlockLabel')}</label>
            <input id="backup-unlock" type="password" autocomplete="off" value={unlockWith.value} onInput={(event) => (unlockWith.value = event.currentTarget.value)} />
          </div>
          <div class="row">
            <button type="submit" class="primary" disabled={busy.value}>
              {i18n.t('backup.decrypt')}
            </button>
            <button type="button" onClick={() => (locked.value = null)}>
              {i18n.t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {pending.value && (
        <div class="prompt card">
          <p>{pending.value.preview}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => void confirm()}>
              {i18n.t('backup.import')}
            </button>
            <button type="button" onClick={() => (pending.value = null)}>
              {i18n.t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ActionOutcome problem={problem.value} status={status.value} />
    </section>
  );
}
