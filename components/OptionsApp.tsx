import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';
import type { OptionsSettings } from './OptionsSettings';
import type { PanelStore } from '@/utils/panel-store';
import { downloadText, today } from '@/utils/download';
import { firstByName, matchingRows } from '@/utils/patient-directory';
import { readStoredData } from '@/utils/storage';
import { DeletePatient } from './DeletePatient';
import { LockView } from './LockView';
import { Notices } from './Notices';
import { deferred } from './deferred';
import { useLook } from './useLook';
import { StoreContext } from './useStore';

const PatientHistory = deferred(() => import('./PatientHistory').then((module) => module.PatientHistory));
const PatientNotesEditor = deferred(() => import('./PatientNotesEditor').then((module) => module.PatientNotesEditor));

/** The backup code (and its message schemas) is fetched on the click, so it never holds up the list. */
async function exportPatient(patientId: string) {
  const { makeBackup } = await import('@/utils/backup');
  const backup = makeBackup(await readStoredData(), Date.now(), patientId);
  downloadText(JSON.stringify(backup, null, 2), `rapport-patient-${today()}.json`, 'application/json');
}

/** How many patients the list shows at first: a clinic's list runs to thousands, a page is read at a glance. */
export const FIRST_PAGE = 100;

const patientsWord = (count: number) => i18n.t('options.patientCount', count);

/** The options page: find a patient, see their visits over time, back everything up. */
export function OptionsApp({ store }: { store: PanelStore }) {
  useLook(store);
  const query = useSignal('');
  /** The settings below the list, loaded once the list's first frame is painted, so they never hold it up. */
  const settings = useSignal<typeof OptionsSettings | null>(null);
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(() => void import('./OptionsSettings').then((module) => (settings.value = module.OptionsSettings))));
  }, []);
  const selectedId = useSignal<string | null>(null);
  const editing = useSignal(false);
  /** Said in the list's status after a patient is deleted, so the list's change is heard too. */
  const deleted = useSignal<string | null>(null);
  const limit = useSignal(FIRST_PAGE);
  /** After "Show all", focus moves to the first patient it added (the button itself goes away). */
  const focusRow = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const searching = useComputed(() => query.value.trim() !== '');
  const matches = useComputed(() => matchingRows(store.sortedDirectory.value, query.value));
  const total = useComputed(() => Object.keys(store.directory.value).length);
  const matchCount = searching.value ? matches.value.length : total.value;
  /** Without a search, the first page is picked from the directory; "Show all" and a search sort every name. */
  const shown = useComputed(() => {
    if (!searching.value) return limit.value < total.value ? firstByName(store.directory.value, limit.value) : store.sortedDirectory.value;
    return matches.value.length > limit.value ? matches.value.slice(0, limit.value) : matches.value;
  });
  const counted = searching.value ? i18n.t('options.matchCount', [matchCount, patientsWord(total.value)]) : patientsWord(total.value);
  const status = !store.loaded.value
    ? i18n.t('common.loading')
    : shown.value.length < matchCount
      ? i18n.t('options.showing', [counted, shown.value.length])
      : counted;
  const selected = selectedId.value ? store.directory.value[selectedId.value] : undefined;
  useEffect(() => {
    if (focusRow.current === null) return;
    list.current?.querySelectorAll('button')[focusRow.current]?.focus();
    focusRow.current = null;
  });
  const showAll = () => {
    focusRow.current = shown.value.length;
    limit.value = Infinity;
  };
  const header = (
    <header class="options-header">
      <h1>{i18n.t('extension.name')}</h1>
      <p class="quiet">{i18n.t('options.tagline')}</p>
    </header>
  );
  const page = (body: ComponentChildren, below?: ComponentChildren) => (
    <StoreContext.Provider value={store}>
      <div class="options">
        {header}
        <Notices />
        <div class="options-body">{body}</div>
        {below}
      </div>
    </StoreContext.Provider>
  );
  // Locked by the passphrase lock: the passphrase field and nothing of the patients.
  if (store.locked.value) return page(<LockView />);
  return page(
    <>
      <section class="card" aria-labelledby="patients-heading">
        <h2 id="patients-heading">{i18n.t('options.patientsHeading')}</h2>
        <div class="field">
          <label for="patient-search">{i18n.t('options.search')}</label>
          <input id="patient-search" type="search" value={query.value} onInput={(event) => (query.value = event.currentTarget.value)} />
        </div>
        <p class="quiet" role="status">
          {deleted.value ? `${deleted.value} ` : ''}
          {status}
        </p>
        <ul class="patient-list" ref={list}>
          {shown.value.map((patient) => (
            <li key={patient.id}>
              <button
                type="button"
                aria-current={patient.id === selectedId.value ? 'true' : undefined}
                onClick={() => {
                  selectedId.value = patient.id;
                  deleted.value = null;
                  void store.loadRest();
                }}
              >
                <span>{patient.preferredName}</span> <span class="quiet">{i18n.t('patient.visitCount', patient.visits)}</span>
              </button>
            </li>
          ))}
        </ul>
        {shown.value.length < matchCount && (
          <button type="button" class="small show-all" onClick={showAll}>
            {i18n.t('options.showAll', [patientsWord(matchCount)])}
          </button>
        )}
      </section>
      {selected && selectedId.value && (
        <section class="card" aria-labelledby="selected-heading">
          <h2 id="selected-heading">{selected.preferredName}</h2>
          <button type="button" class="small" aria-expanded={editing.value} onClick={() => (editing.value = !editing.value)}>
            {i18n.t('patient.editDetails')}
          </button>
          <button type="button" class="small" onClick={() => void exportPatient(selectedId.value!)}>
            {i18n.t('options.exportPatient')}
          </button>
          <DeletePatient
            key={selectedId.value}
            patientId={selectedId.value}
            preferredName={selected.preferredName}
            visits={selected.visits}
            onDeleted={() => {
              deleted.value = i18n.t('options.deleted', [selected.preferredName]);
              selectedId.value = null;
            }}
          />
          {editing.value && <PatientNotesEditor key={selectedId.value} patientId={selectedId.value} />}
          <PatientHistory patientId={selectedId.value} />
        </section>
      )}
    </>,
    settings.value && <settings.value />,
  );
}
