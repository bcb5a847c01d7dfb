import { useSignal } from '@preact/signals';
import { describePlan, makeBackup, mergeBackup, parseBackup, type Backup, type ImportPlan } from '@/utils/backup';
import { downloadText, today } from '@/utils/download';
import { sendToBackground } from '@/utils/messages';
import { readStoredData } from '@/utils/storage';

/** Saves every patient and visit to a file, and brings a file back in, adding without overwriting. */
export function BackupSection() {
  const pending = useSignal<{ backup: Backup; preview: string } | null>(null);
  const status = useSignal('');
  const problem = useSignal('');

  const exportAll = async () => {
    const backup = makeBackup(await readStoredData(), Date.now());
    downloadText(JSON.stringify(backup, null, 2), `rapport-backup-${today()}.json`, 'application/json');
    status.value = `Saved ${Object.keys(backup.patients).length} patients and ${Object.keys(backup.visits).length} visits. The file holds patient information: keep it somewhere safe.`;
  };

  const choose = async (file: File | undefined) => {
    pending.value = null;
    status.value = '';
    problem.value = '';
    if (!file) return;
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) {
      problem.value = parsed.problem;
      return;
    }
    pending.value = { backup: parsed.backup, preview: describePlan(mergeBackup(await readStoredData(), parsed.backup).plan) };
  };

  const confirm = async () => {
    const backup = pending.value?.backup;
    if (!backup) return;
    const reply = await sendToBackground<ImportPlan>({ type: 'backup/import', backup });
    pending.value = null;
    if (reply.ok) status.value = `Imported. ${describePlan(reply.value).replace('This will', 'Rapport did')}`;
    else problem.value = reply.error;
  };

  return (
    <section class="card" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p class="quiet">A backup file holds every patient and visit on this computer, unencrypted. Importing adds what is missing and never removes or overwrites.</p>
      <div class="row">
        <button type="button" onClick={() => void exportAll()}>
          Export everything
        </button>
      </div>
      <div class="field">
        <label for="backup-file">Import a backup</label>
        <input id="backup-file" type="file" accept=".json,application/json" onChange={(event) => {
            const input = event.currentTarget;
            void choose(input.files?.[0]);
            // Choosing the same file again (say, after fixing it) must read it again.
            input.value = '';
          }}
        />
      </div>
      {pending.value && (
        <div class="prompt card">
          <p>{pending.value.preview}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => void confirm()}>
              Import
            </button>
            <button type="button" onClick={() => (pending.value = null)}>
              Cancel
            </button>
          </div>
        </div>
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
