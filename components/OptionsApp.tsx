import { useComputed, useSignal } from '@preact/signals';
import type { PanelStore } from '@/utils/panel-store';
import { makeBackup } from '@/utils/backup';
import { downloadText, today } from '@/utils/download';
import { readStoredData } from '@/utils/storage';
import { BackupSection } from './BackupSection';
import { Notices } from './Notices';
import { PatientHistory } from './PatientHistory';
import { StoreContext } from './useStore';

async function exportPatient(patientId: string) {
  const backup = makeBackup(await readStoredData(), Date.now(), patientId);
  downloadText(JSON.stringify(backup, null, 2), `rapport-patient-${today()}.json`, 'application/json');
}

/** The options page: find a patient, see their visits over time, back everything up. */
export function OptionsApp({ store }: { store: PanelStore }) {
  const query = useSignal('');
  const selectedId = useSignal<string | null>(null);
  const visitCounts = useComputed(() => {
    const counts = new Map<string, number>();
    for (const visit of Object.values(store.visitEntries.value)) {
      if (visit.patientId && visit.endedAt !== null) counts.set(visit.patientId, (counts.get(visit.patientId) ?? 0) + 1);
    }
    return counts;
  });
  const matches = useComputed(() => {
    const wanted = query.value.trim().toLocaleLowerCase();
    const patients = store.sortedPatients.value;
    return wanted ? patients.filter((patient) => patient.notes.preferredName.toLocaleLowerCase().includes(wanted)) : patients;
  });
  const selected = store.sortedPatients.value.find((patient) => patient.id === selectedId.value);
  return (
    <StoreContext.Provider value={store}>
      <div class="options">
        <header class="options-header">
          <h1>Rapport</h1>
          <p class="quiet">Patients and their visits, kept in this browser on this computer only.</p>
        </header>
        <Notices />
        <div class="options-body">
          <section class="card" aria-labelledby="patients-heading">
            <h2 id="patients-heading">Patients</h2>
            <div class="field">
              <label for="patient-search">Search patients</label>
              <input id="patient-search" type="search" value={query.value} onInput={(event) => (query.value = event.currentTarget.value)} />
            </div>
            <p class="quiet" role="status">
              {store.loaded.value ? `${matches.value.length} of ${store.sortedPatients.value.length} patients` : 'Loading…'}
            </p>
            <ul class="patient-list">
              {matches.value.map((patient) => (
                <li key={patient.id}>
                  <button type="button" aria-current={patient.id === selectedId.value ? 'true' : undefined} onClick={() => (selectedId.value = patient.id)}>
                    <span>{patient.notes.preferredName}</span> <span class="quiet">{visitCounts.value.get(patient.id) ?? 0} visits</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          {selected && (
            <section class="card" aria-labelledby="selected-heading">
              <h2 id="selected-heading">{selected.notes.preferredName}</h2>
              <button type="button" class="small" onClick={() => void exportPatient(selected.id)}>
                Export this patient
              </button>
              <PatientHistory patientId={selected.id} />
            </section>
          )}
        </div>
        <BackupSection />
      </div>
    </StoreContext.Provider>
  );
}
