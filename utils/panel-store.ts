import { computed, effect, signal, type Signal } from '@preact/signals';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { sendToBackground, type PanelToBackground, type PanelToContent, type Reply } from './messages';
import type { CallPageLayout } from './panel-address';
import { panelPlaceOf, type PanelPlace } from './panel-place';
import type { FieldConflict, FieldEdit } from './field-edits';
import type { GoalKind, GoalReview, PatientNoteField, Speaker, Visit, VisitIndexEntry } from './model';
import { defaultSitePrefs } from './panel-geometry';
import { patientDirectory, sortedDirectory } from './patient-directory';
import {
  collectionNames,
  collections,
  isRecord,
  loadStored,
  readStored,
  readVisitRecord,
  SCHEMA_VERSION,
  storedCollection,
  visitKey,
  setAsideKey,
  versionOf,
  type CollectionEntry,
  type CollectionName,
  type CollectionRead,
  type StoredCollection,
} from './storage';
import { firstCollections, takeEarlyRead } from './early-read';
import { onBackgroundMessage, onStorageChanged, sendToCallPage, storageArea } from './frame-relay';
import { dataKeyKey, isEnvelope, isPatientDataKey, lockSettingsKey, openValues, readLockSettings, tamperedMessage, type LockSettings } from './lock';
import * as v from 'valibot';
import { cueDefaults, CueSettingsSchema, currentCue, type CueSettings } from './cues';
import { addedSitesDefaults, addedSitesSettingId, AddedSitesSettingSchema } from './added-sites-setting';
import { retentionDefaults, retentionSettingId, RetentionSettingSchema, type RetentionSetting } from './retention';
import { lookSettingOf, pageTheme, type LookSetting } from './look';
import { unfinishedSince } from './recovery';
import { isSharedRoom } from './sites';
import { currentSpeakers, isOpeningRunning, openingMs, talkTotals, toggleFloor, toggleOpening, type TalkEvent } from './talk';
import { sendChanges } from './send-changes';
import { summarizeVisit } from './visit-note';
import { createProtocolState, watchManagedPolicy } from './protocol-state';

/** Where the UI runs: over the call tab, in the side panel, or on the options page. */
export type PanelMode = 'inPage' | 'sidePanel' | 'options';

type StoredSignals = { [N in CollectionName]: Signal<CollectionRead<CollectionEntry<N>>> };

const noVisit = () => ({ ok: false as const, error: i18n.t('storage.noVisit') });
const noPatient = () => ({ ok: false as const, error: i18n.t('storage.noPatient') });

function emptyRead<T>(): CollectionRead<T> {
  return { entries: {}, unreadable: [], problem: null };
}

/**
 * The panel's state: stored collections mirrored into signals (every open panel watches storage,
 * so a change anywhere shows everywhere), plus what is derived from them for this meeting.
 * Writes go to the background as messages; the panel never writes storage itself.
 */
export function createPanelStore(options: { mode: PanelMode; meetingKey: string | null; applied?: CallPageLayout | null }) {
  const stored: StoredSignals = {
    patients: signal(emptyRead()),
    visitIndex: signal(emptyRead()),
    meetings: signal(emptyRead()),
    sitePrefs: signal(emptyRead()),
    callTabs: signal(emptyRead()),
    listening: signal(emptyRead()),
    settings: signal(emptyRead()),
    storageHealth: signal(emptyRead()),
    patientDirectory: signal(emptyRead()),
    protocols: signal(emptyRead()),
  };
  /** The clinic's presets (enterprise policy), if any. */
  const managedPolicy = watchManagedPolicy();
  /**
   * What this page reads. The options page opens with the patient directory alone (names and
   * visit counts: its list) and reads the rest after that list is painted; panels read everything
   * but the directory, which they do not show.
   */
  const pageNames = options.mode === 'options' ? collectionNames : collectionNames.filter((name) => name !== 'patientDirectory');
  /** Whether the directory is stored (the background builds it; until then the list is derived here). */
  const directoryStored = signal(false);
  /** Whether the visit index has been read: the options page reads it after its first paint. */
  const indexLoaded = signal(false);
  const openedAt = Date.now();
  const setAsideCount = signal(0);
  const isLoaded = signal(false);
  const now = signal(Date.now());
  /** The call tab this panel belongs to: its host tab in page, the followed tab in the side panel. */
  const tabId = signal<number | null>(null);
  const writeError = signal<string | null>(null);
  /** Set while this panel shows a visit it just ended, so it does not open a new one by itself. */
  const endedVisitId = signal<string | null>(null);
  /** The visits this panel has read (each is stored under its own key), by id. */
  const loadedVisits = signal<Record<string, Visit | 'damaged' | 'missing' | 'loading' | 'locked'>>({});
  /** The passphrase lock's settings (null: off), and whether its key is held (unlocked). */
  const lockSettings = signal<LockSettings | 'damaged' | null>(null);
  const keyHeld = signal(false);
  /** Locked: the panel shows only the lock, and holds no patient data. */
  const locked = computed(() => lockSettings.value !== null && !keyHeld.value);
  /** Counts the lock's openings and closings: reads started before one are stale. */
  const lockEpoch = signal(0);
  /** What this page has read, to read again when it is unlocked. */
  const namesRead = new Set<CollectionName>();

  /** Each collection as stored; storage change events carry the new values, so nothing is read twice. */
  const raw = new Map<CollectionName, StoredCollection>();
  function show<N extends CollectionName>(name: N) {
    const collection = raw.get(name) ?? { raw: undefined, version: SCHEMA_VERSION };
    (stored[name] as Signal<CollectionRead<CollectionEntry<N>>>).value = readStored(name, collection);
    if (name === 'patientDirectory') directoryStored.value = collection.raw !== undefined;
    if (name === 'visitIndex') indexLoaded.value = true;
  }
  function countSetAside(kept: unknown) {
    setAsideCount.value = isRecord(kept) ? Object.keys(kept).length : 0;
  }

  const changeCounts = new Map<string, number>();
  /** Applies a changed stored value: at once when plain, once decrypted when encrypted; the latest change to a key wins. */
  function whenOpened(storageKey: string, value: unknown, apply: (opened: unknown) => void) {
    const count = (changeCounts.get(storageKey) ?? 0) + 1;
    changeCounts.set(storageKey, count);
    if (!isEnvelope(value)) return apply(value);
    const epoch = lockEpoch.peek();
    void openValues({ [storageKey]: value }).then((opened) => {
      if (changeCounts.get(storageKey) === count && lockEpoch.peek() === epoch) apply(opened[storageKey]);
    });
  }

  /** Locked or unlocked: patient data is dropped at once when locked, and everything read again. */
  function reopen() {
    lockEpoch.value++;
    for (const name of pageNames) {
      if (!isPatientDataKey(collections[name].key)) continue;
      raw.delete(name);
      if (locked.peek()) show(name);
    }
    loadedVisits.value = {};
    void read([...namesRead]);
  }

  onStorageChanged((changes, area) => {
    for (const name of pageNames) {
      const { area: home, key, metaKey } = collections[name];
      if (home !== area || !(key in changes || metaKey in changes)) continue;
      const current = raw.get(name) ?? { raw: undefined, version: SCHEMA_VERSION };
      if (metaKey in changes) raw.set(name, { ...current, version: versionOf(changes[metaKey]!.newValue) });
      if (!(key in changes)) show(name);
      else
        whenOpened(key, changes[key]!.newValue, (value) => {
          raw.set(name, storedCollection(value, (raw.get(name) ?? current).version));
          show(name);
        });
    }
    if (area === 'session' && dataKeyKey in changes && keyHeld.peek() !== (changes[dataKeyKey]!.newValue !== undefined)) {
      keyHeld.value = changes[dataKeyKey]!.newValue !== undefined;
      reopen();
    }
    if (area !== 'local') return;
    if (setAsideKey in changes) countSetAside(changes[setAsideKey]!.newValue);
    if (lockSettingsKey in changes) {
      const wasOn = lockSettings.peek() !== null;
      lockSettings.value = readLockSettings(changes[lockSettingsKey]!.newValue);
      if (wasOn !== (lockSettings.value !== null)) reopen();
    }
    for (const id of Object.keys(loadedVisits.peek())) {
      const key = visitKey(id);
      if (key in changes) whenOpened(key, changes[key]!.newValue, (value) => (loadedVisits.value = { ...loadedVisits.peek(), [id]: readVisitRecord(value) ?? 'missing' }));
    }
  });

  async function read(names: CollectionName[]) {
    for (const name of names) namesRead.add(name);
    const epoch = lockEpoch.peek();
    const [loaded, kept, session] = await Promise.all([
      loadStored(names),
      browser.storage.local.get([setAsideKey, lockSettingsKey]),
      storageArea('session').get(dataKeyKey),
    ]);
    // Read before the lock opened or closed: the read started since then counts.
    if (lockEpoch.peek() !== epoch) return;
    lockSettings.value = readLockSettings(kept[lockSettingsKey]);
    keyHeld.value = session[dataKeyKey] !== undefined;
    for (const [name, collection] of loaded) {
      // A change event that arrived while this read was under way is newer than what it read.
      if (!raw.has(name)) raw.set(name, collection);
      show(name);
    }
    countSetAside(kept[setAsideKey]);
  }

  let readingRest: Promise<void> | undefined;
  /** The options page's other collections (patients' notes, the visit index...) and the clinic's policy: once, after its list is painted or when needed. */
  function loadRest(): Promise<void> {
    return (readingRest ??= Promise.all([read(pageNames.filter((name) => !firstCollections.includes(name))), managedPolicy.load()]).then(() => undefined));
  }

  async function load() {
    if (options.mode !== 'options') {
      void managedPolicy.load();
      await read(pageNames);
      isLoaded.value = true;
      return;
    }
    // The directory (and settings) as read by the page's <head> script, unless one changed before this store listened.
    const early = takeEarlyRead();
    const first = early && (await early.read.catch(() => undefined));
    // With the lock on, the page reads for itself: it decrypts, or shows the lock.
    if (first && !early.changed && first[lockSettingsKey] === undefined) {
      for (const name of firstCollections) {
        namesRead.add(name);
        const { key, metaKey } = collections[name];
        if (!raw.has(name)) raw.set(name, { raw: first[key], version: versionOf(first[metaKey]) });
        show(name);
      }
      countSetAside(first[setAsideKey]);
    } else await read([...firstCollections]);
    // No directory stored yet (a fresh profile, or data from before it existed, until the
    // background builds it): the list is derived from the patients and the index instead.
    if (!directoryStored.peek()) await loadRest();
    isLoaded.value = true;
    // After the frame that paints the list (a task queued from requestAnimationFrame runs after
    // it), or soon in any case: a page opened in a background tab gets no frames.
    const readRest = () => void loadRest();
    requestAnimationFrame(() => setTimeout(readRest));
    setTimeout(readRest, 500);
  }

  const callTab = computed(() => (tabId.value === null ? undefined : stored.callTabs.value.entries[String(tabId.value)]));
  const cueSettings = computed(() => {
    const cues = stored.settings.value.entries.cues;
    return v.is(CueSettingsSchema, cues) ? cues : { ...cueDefaults, ...managedPolicy.read.value.policy.cues };
  });
  /** Automatic removal of old visits (off by default), and how many it removed last. */
  const retention = computed(() => {
    const setting = stored.settings.value.entries[retentionSettingId];
    return v.is(RetentionSettingSchema, setting) ? setting : retentionDefaults;
  });
  const lookSetting = computed(() => lookSettingOf(stored.settings.value.entries));
  /** The theme this page shows (null: the system's) and its density; a side panel follows the tab it shows. */
  const look = computed(() => ({ theme: pageTheme(lookSetting.value.theme, callTab.value?.look), density: lookSetting.value.density }));
  /** Over the call page or in the browser's side panel (every site). */
  const panelPlace = computed(() => panelPlaceOf(stored.settings.value.entries));
  /** The latest line for this panel's polite live region: what a keyboard command did on its call tab. */
  const announcement = signal('');
  onBackgroundMessage((message) => {
    if (message?.type === 'panel/announce' && message.tabId === tabId.peek()) announcement.value = message.text;
  });
  /** The sites the therapist added, and any the browser took back (options page). */
  const addedSites = computed(() => {
    const setting = stored.settings.value.entries[addedSitesSettingId];
    return v.is(AddedSitesSettingSchema, setting) ? setting : addedSitesDefaults;
  });
  /** Automatic talk time on this panel's call tab; undefined while it is off. */
  const listening = computed(() => (tabId.value === null ? undefined : stored.listening.value.entries[String(tabId.value)]));
  const meetingKey = computed(() => options.meetingKey ?? callTab.value?.meetingKey ?? null);
  const meeting = computed(() => (meetingKey.value ? stored.meetings.value.entries[meetingKey.value] : undefined));
  const visitId = computed(() => endedVisitId.value ?? meeting.value?.openVisitId ?? null);
  const visitRecord = computed(() => (visitId.value ? loadedVisits.value[visitId.value] : undefined));

  /** Reads the visit this panel shows when it changes to one not read yet. */
  effect(() => {
    const id = visitId.value;
    if (!id || id in loadedVisits.value) return;
    loadedVisits.value = { ...loadedVisits.peek(), [id]: 'loading' };
    const epoch = lockEpoch.peek();
    void browser.storage.local.get(visitKey(id)).then(openValues).then((values) => {
      // A change event may have brought a newer record while this read was under way, or the lock closed.
      if (loadedVisits.peek()[id] !== 'loading' || lockEpoch.peek() !== epoch) return;
      loadedVisits.value = { ...loadedVisits.peek(), [id]: readVisitRecord(values[visitKey(id)]) ?? 'missing' };
    });
  });
  const visit = computed(() => (typeof visitRecord.value === 'object' ? visitRecord.value : undefined));
  const visitLoading = computed(() => visitRecord.value === 'loading');
  const patient = computed(() => {
    // A visit names its own patient; before it is read, the meeting's, except in a shared room.
    const key = meetingKey.value;
    const id = visit.value ? visit.value.patientId : key && isSharedRoom(key) ? null : meeting.value?.patientId;
    return id ? stored.patients.value.entries[id] : undefined;
  });
  /** The patient's latest finished visit before this one, for the "last time" card. */
  const previousVisit = computed(() => {
    const patientId = patient.value?.id;
    if (!patientId) return undefined;
    let latest: VisitIndexEntry | undefined;
    for (const candidate of Object.values(stored.visitIndex.value.entries)) {
      if (candidate.patientId !== patientId || candidate.id === visit.value?.id || candidate.endedAt === null) continue;
      if (!latest || candidate.endedAt > (latest.endedAt ?? 0)) latest = candidate;
    }
    return latest;
  });
  /** An open visit left from an earlier session (the browser closed or crashed before it was ended). */
  const unfinished = computed(() => (visit.value ? unfinishedSince(visit.value, openedAt) : null));
  const protocols = createProtocolState({ protocols: stored.protocols, settings: stored.settings, policy: managedPolicy.read, visit, send: (message) => send(message) });
  const summary = computed(() => (visit.value?.endedAt != null ? summarizeVisit(visit.value, patient.value, protocols.sections.value) : undefined));
  const visitEntries = computed(() => stored.visitIndex.value.entries);
  const siteId = computed(() => meetingKey.value?.split(':')[0] ?? null);
  const sitePrefs = computed(() => (siteId.value && stored.sitePrefs.value.entries[siteId.value]) || defaultSitePrefs);
  const visitElapsedMs = computed(() => {
    const v = visit.value;
    if (!v || v.startedAt === null) return null;
    return Math.max(0, (v.endedAt ?? now.value) - v.startedAt);
  });
  const talk = computed(() => {
    const log = visit.value?.talk;
    if (!log) return null;
    const speakers = currentSpeakers(log);
    const openingRunning = isOpeningRunning(log);
    // Only running talk reads the clock, so a quiet panel does not re-render every second.
    const at = visit.value?.endedAt ?? (speakers.size > 0 || openingRunning ? now.value : 0);
    return { ...talkTotals(log, at), openingMs: openingMs(log, at), openingRunning, speakers };
  });
  /** The one live cue, only during a visit and only while someone talks or the opening runs. */
  const cue = computed(() => {
    const current = visit.value;
    const running = talk.value && (talk.value.speakers.size > 0 || talk.value.openingRunning);
    return current && current.endedAt === null && running ? currentCue(current.talk, now.value, cueSettings.value) : null;
  });
  const sectionProgress = computed(() => {
    const checked = visit.value?.checked ?? {};
    return protocols.sections.value.map((section) => ({
      id: section.id,
      done: section.items.filter((item) => item.id in checked).length,
      total: section.items.length,
    }));
  });
  /** Every patient's name and visit figures: the stored directory, or derived while it is not stored. */
  const directory = computed(() =>
    directoryStored.value && stored.patientDirectory.value.problem === null
      ? stored.patientDirectory.value.entries
      : patientDirectory(stored.patients.value.entries, Object.values(stored.visitIndex.value.entries)),
  );
  /** The directory by name, as the options page lists it. */
  const sortedDirectoryRows = computed(() => sortedDirectory(directory.value));
  /** Every patient by id (the options page reads them after its first paint). */
  const patients = computed(() => stored.patients.value.entries);
  const sortedPatients = computed(() =>
    Object.values(patients.value).sort((a, b) => a.notes.preferredName.localeCompare(b.notes.preferredName)),
  );
  const problems = computed(() => {
    const list: string[] = [];
    for (const name of pageNames) {
      const read: CollectionRead<unknown> = stored[name].value;
      const label = i18n.t(collections[name].label);
      if (read.problem === 'newerVersion') list.push(i18n.t('storage.newerReadOnly', [label]));
      if (read.problem === 'notARecord') list.push(i18n.t('storage.notARecord', [label]));
      if (read.problem === 'tampered' && !list.includes(tamperedMessage())) list.push(tamperedMessage());
      if (read.unreadable.length > 0) list.push(i18n.t('storage.unreadable', read.unreadable.length, [read.unreadable.length, label]));
    }
    for (const { problem } of Object.values(stored.storageHealth.value.entries)) list.push(problem);
    if (managedPolicy.read.value.problem) list.push(managedPolicy.read.value.problem);
    if (visitRecord.value === 'damaged') list.push(i18n.t('storage.visitDamaged'));
    if (setAsideCount.value > 0) list.push(i18n.t('storage.setAside'));
    const phase = callTab.value?.phase;
    if (phase === 'unknown') list.push(i18n.t('storage.phaseUnknown'));
    return list;
  });

  /** Sends a change to the background; a refusal is shown to the therapist and returned. */
  async function send<T = unknown>(message: PanelToBackground): Promise<Reply<T>> {
    const reply = await sendToBackground<T>(message);
    writeError.value = reply.ok ? null : reply.error;
    return reply;
  }

  /** Whether the message went: only the in-page panel has a call page, once its tab is known. */
  function sendToContent(message: PanelToContent): boolean {
    if (options.mode !== 'inPage' || tabId.value === null) return false;
    sendToCallPage(tabId.value, message);
    return true;
  }

  const openingVisit = signal(false);
  async function openVisit() {
    const key = meetingKey.peek();
    if (!key) return;
    endedVisitId.value = null;
    openingVisit.value = true;
    await send({ type: 'visit/open', meetingKey: key });
    openingVisit.value = false;
  }

  function withVisit<T = unknown>(make: (visitId: string) => PanelToBackground): Promise<Reply<T>> {
    const id = visit.value?.id;
    return id ? send<T>(make(id)) : Promise.resolve(noVisit());
  }

  function sendTalk(events: TalkEvent[]) {
    return withVisit((visitId) => ({ type: 'talk/events', visitId, events }));
  }

  const actions = {
    openVisit,
    createPatient: (preferredName: string) => withVisit((visitId) => ({ type: 'patient/create', visitId, preferredName })),
    assignPatient: (patientId: string) => withVisit((visitId) => ({ type: 'visit/assignPatient', visitId, patientId })),
    /** Saves one note of the visit's patient, or of the one given (options page); the reply lists it as a conflict when it changed elsewhere since `edit.base`. */
    updateNote: (field: PatientNoteField, edit: FieldEdit, patientId = patient.value?.id) =>
      patientId ? send<FieldConflict[]>({ type: 'patient/updateNotes', patientId, notes: { [field]: edit } }) : Promise.resolve(noPatient()),
    setCues: (cues: Partial<CueSettings>) => send({ type: 'settings/cues', cues }),
    setPanelPlace: (place: PanelPlace) => send({ type: 'settings/panelPlace', place }),
    setRetention: (months: RetentionSetting['months']) => send<number>({ type: 'settings/retention', months }),
    setLook: (change: Partial<LookSetting>) => send({ type: 'settings/look', look: change }),
    addSite: (address: string) => send({ type: 'sites/add', address }),
    removeSite: (origin: string) => send({ type: 'sites/remove', origin }),
    /** Deletes the patient, their visits and their meeting links' mention of them, for good. */
    deletePatient: (patientId: string) => send({ type: 'patient/delete', patientId }),
    stopListening: () => (tabId.value === null ? Promise.resolve(noVisit()) : send({ type: 'listening/stop', tabId: tabId.value })),
    tick: (itemId: string, checked: boolean) => withVisit((visitId) => ({ type: 'checklist/tick', visitId, itemId, checked, at: Date.now() })),
    startClock: () => withVisit((visitId) => ({ type: 'visit/start', visitId, at: Date.now() })),
    /** Ends the visit now, or at its last recorded moment when it was left unfinished. */
    endVisit: async (at = Date.now()) => {
      const id = visit.value?.id;
      if (!id) return;
      if ((await send({ type: 'visit/end', visitId: id, at })).ok) endedVisitId.value = id;
    },
    setFollowUp: (followUp: FieldEdit) => withVisit<FieldConflict[]>((visitId) => ({ type: 'visit/setFollowUp', visitId, followUp })),
    reviewGoal: (goal: GoalKind, review: GoalReview | null) => withVisit((visitId) => ({ type: 'visit/reviewGoal', visitId, goal, review })),
    rateSelfCheck: (itemId: string, rating: number) => withVisit((visitId) => ({ type: 'visit/rateSelfCheck', visitId, itemId, rating })),
    toggleSpeaker: (speaker: Speaker) => {
      const log = visit.value?.talk;
      return log ? sendTalk(toggleFloor(log, speaker, Date.now())) : undefined;
    },
    toggleOpening: () => {
      const log = visit.value?.talk;
      return log ? sendTalk(toggleOpening(log, Date.now())) : undefined;
    },
    setCollapsed: (collapsed: boolean) => {
      const id = siteId.value;
      return id ? send({ type: 'sitePrefs/update', siteId: id, prefs: { collapsed } }) : undefined;
    },
    moveBy: (dx: number, dy: number) => sendToContent({ type: 'layout/moveBy', dx, dy }),
    dragFrom: (screenX: number, screenY: number) => sendToContent({ type: 'layout/dragStart', screenX, screenY }),
    dismissError: () => {
      writeError.value = null;
    },
  };

  // The in-page panel tells its call page what changed since the page placed its frame
  // (utils/panel-address.ts), whichever panel changed it.
  const whenLoaded = <T>(read: () => T) => () => (isLoaded.value ? read() : undefined);
  sendChanges(options.applied?.collapsed, whenLoaded(() => sitePrefs.value.collapsed), (collapsed) => sendToContent({ type: 'layout/collapsed', collapsed }));
  /** The call page samples its own look only while the theme follows it (sampling makes the page lay out). */
  sendChanges(options.applied?.followLook, whenLoaded(() => lookSetting.value.theme === 'callSite'), (follow) => sendToContent({ type: 'layout/followLook', follow }));
  /** The in-page panel's frame hides while the therapist uses the side panel, and comes back when they return. */
  sendChanges(options.applied?.hidden, whenLoaded(() => panelPlace.value === 'sidePanel'), (inSidePanel) => sendToContent({ type: 'layout/place', inSidePanel }));

  /** A one-second clock for the visit's timers, running only while they can be seen. */
  let timer: ReturnType<typeof setInterval> | undefined;
  const syncClock = () => {
    clearInterval(timer);
    if (options.mode !== 'options' && document.visibilityState === 'visible') {
      now.value = Date.now();
      timer = setInterval(() => (now.value = Date.now()), 1000);
    }
  };
  document.addEventListener('visibilitychange', syncClock);
  syncClock();

  /** Each meeting this panel shows gets its visit opened once; an ended visit stays ended. */
  let openedFor: string | null = null;
  effect(() => {
    const key = meetingKey.value;
    if (!isLoaded.value || locked.value || !key || key === openedFor) return;
    openedFor = key;
    void openVisit();
  });

  /** The visit this panel showed was removed (its patient deleted for good): a fresh one starts on the meeting. */
  let shownVisitId: string | null = null;
  effect(() => {
    const id = visitId.value;
    const removed = (candidate: string | null) => candidate !== null && loadedVisits.value[candidate] === 'missing';
    if (id && !removed(id)) shownVisitId = id;
    else if (id && endedVisitId.peek() === id) endedVisitId.value = null;
    else if (!id && removed(shownVisitId)) {
      shownVisitId = null;
      void openVisit();
    }
  });

  return {
    mode: options.mode,
    loaded: isLoaded,
    locked,
    lockSettings,
    now,
    tabId,
    meetingKey,
    meeting,
    visit,
    patient,
    patients,
    sortedPatients,
    directory,
    sortedDirectory: sortedDirectoryRows,
    indexLoaded,
    loadRest,
    sitePrefs,
    callTab,
    listening,
    cueSettings,
    retention,
    lookSetting,
    look,
    panelPlace,
    announcement,
    addedSites,
    cue,
    visitElapsedMs,
    talk,
    sectionProgress,
    protocols,
    problems,
    writeError,
    endedVisitId,
    openingVisit,
    visitLoading,
    previousVisit,
    visitEntries,
    unfinishedSince: unfinished,
    summary,
    load,
    actions,
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
