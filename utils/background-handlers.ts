import * as v from 'valibot';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { StoreError, type BackgroundStore, type Transaction } from './background-store';
import { checkBackup, mergeBackup, type StoredData } from './backup';
import { cueDefaults, CueSettingsSchema } from './cues';
import { applyFieldEdits } from './field-edits';
import type { AddedSites } from './added-sites';
import type { ListeningControl } from './listening';
import { createLockControl } from './lock-control';
import { ContentToBackgroundSchema, OffscreenToBackgroundSchema, PanelToBackgroundSchema } from './message-schemas';
import type { ContentPlacement, ContentToBackground, OffscreenToBackground, PanelToBackground, Reply } from './messages';
import { indexEntry } from './history';
import { emptyNotes, newVisit, patientNoteFields, type Patient, type SitePrefs, type Speaker, type Visit, type VisitIndexEntry } from './model';
import { defaultSitePrefs } from './panel-geometry';
import { lookSettingId, lookSettingOf } from './look';
import { expiredVisitIds, retentionCutoff, retentionDefaults, retentionSettingId, RetentionSettingSchema, type RetentionSetting } from './retention';
import { createProtocolHandlers } from './protocol-handlers';
import { isSharedRoom, siteForHost } from './sites';
import { applyTalkEvent, toggleFloor, toggleOpening, type TalkEvent } from './talk';
import { panelPlaceOf, panelPlaceSettingId } from './panel-place';
import type { ProtocolItem } from './protocol';
import { nextUntickedItem } from './shortcuts';

export interface HandlerContext {
  now(): number;
  newId(): string;
}

/** Who sent a message: the extension's own pages, its audio page, or a content script on a call site's tab. */
export type SenderKind =
  | { kind: 'extensionPage'; tabId: number | null }
  | { kind: 'audioPage' }
  | { kind: 'contentScript'; tabId: number; siteId: string };

/** The offscreen document that analyses call audio (entrypoints/offscreen). */
export const audioPagePath = '/offscreen.html';

export function classifySender(sender: { id?: string; url?: string; tab?: { id?: number }; frameId?: number }): SenderKind | null {
  if (sender.id !== browser.runtime.id || !sender.url) return null;
  const tabId = sender.tab?.id ?? null;
  if (sender.url === browser.runtime.getURL(audioPagePath) && tabId === null) return { kind: 'audioPage' };
  if (sender.url.startsWith(browser.runtime.getURL('/'))) return { kind: 'extensionPage', tabId };
  const site = sender.frameId === 0 ? siteForHost(hostOf(sender.url)) : undefined;
  return site && tabId !== null ? { kind: 'contentScript', tabId, siteId: site.id } : null;
}

function hostOf(href: string): string {
  try {
    return new URL(href).hostname;
  } catch {
    return '';
  }
}

function skipDamaged(error: unknown): undefined {
  if (error instanceof StoreError) return undefined;
  throw error;
}

export function createHandlers(store: BackgroundStore, context: HandlerContext, listening?: ListeningControl, addedSites?: AddedSites) {
  const protocols = createProtocolHandlers(store, context);
  async function requireVisit(tx: Transaction, visitId: string): Promise<Visit> {
    const visit = await tx.visit(visitId);
    if (!visit) throw new StoreError(i18n.t('storage.visitGone'));
    return visit;
  }

  /** The visit under way on a meeting link, created when there is none (the change opens `meetings` and `settings`). */
  async function openVisit(tx: Transaction, meetingKey: string): Promise<Visit> {
    const meeting = tx.get('meetings', meetingKey) ?? { patientId: null, openVisitId: null };
    // A damaged open visit is left as it is; the meeting goes on with a new one.
    const existing = meeting.openVisitId ? await tx.visit(meeting.openVisitId).catch(skipDamaged) : undefined;
    if (existing && existing.endedAt === null) return existing;
    // A shared room (one link for all of a clinician's patients) does not tell who the patient is.
    const protocolId = protocols.defaultFor(tx);
    const visit = { ...newVisit(context.newId(), meetingKey, isSharedRoom(meetingKey) ? null : meeting.patientId, context.now()), ...(protocolId && { protocolId }) };
    if (!protocolId) protocols.settleLater(visit.id);
    tx.putVisit(visit);
    tx.put('meetings', meetingKey, { ...meeting, openVisitId: visit.id });
    return visit;
  }

  function startClock(tx: Transaction, visit: Visit, at: number): Visit {
    if (visit.startedAt !== null) return visit;
    const started = { ...visit, startedAt: at };
    tx.putVisit(started);
    return started;
  }

  function applyTalk(tx: Transaction, visit: Visit, events: TalkEvent[]): void {
    const started = startClock(tx, visit, events[0]?.at ?? context.now());
    const talk = events.reduce(applyTalkEvent, started.talk);
    tx.putVisit({ ...started, talk });
  }

  function assignPatient(tx: Transaction, visit: Visit, patientId: string): void {
    tx.putVisit({ ...visit, patientId });
    const meeting = tx.get('meetings', visit.meetingKey) ?? { patientId: null, openVisitId: visit.id };
    tx.put('meetings', visit.meetingKey, { ...meeting, patientId });
  }

  /**
   * Every visit as its index line, or, where that line is damaged or missing, as read from the
   * visit's own record (so delete and retention never miss a visit); damaged records left out.
   */
  async function allVisitLines(tx: Transaction): Promise<VisitIndexEntry[]> {
    const index = tx.entries('visitIndex');
    const unindexed = (await tx.storedVisitIds()).filter((id) => !Object.hasOwn(index, id));
    const records = unindexed.length > 0 ? await tx.visitsById(unindexed) : {};
    return [...Object.values(index), ...Object.values(records).flatMap((visit) => (visit === 'damaged' ? [] : [indexEntry(visit)]))];
  }

  /** Finished visits that ended before the retention setting's cutoff (an open visit never). */
  async function expiredVisits(tx: Transaction, months: RetentionSetting['months']): Promise<string[]> {
    return months === null ? [] : expiredVisitIds(await allVisitLines(tx), retentionCutoff(months, context.now()));
  }

  /** Removes the expired visits with their index lines, and stores the setting with that count when it removed any; how many. */
  async function removeExpiredVisits(tx: Transaction, setting: RetentionSetting): Promise<number> {
    const expired = await expiredVisits(tx, setting.months);
    for (const id of expired) tx.removeVisit(id);
    if (expired.length > 0) tx.put('settings', retentionSettingId, { ...setting, lastRemoval: { at: context.now(), visits: expired.length } });
    return expired.length;
  }

  function storedRetention(tx: Transaction): RetentionSetting {
    const setting = tx.get('settings', retentionSettingId);
    return v.is(RetentionSettingSchema, setting) ? setting : retentionDefaults;
  }

  /** Automatic removal of old visits, as set on the options page: run by the background when it starts. */
  function applyRetention(): Promise<number> {
    return store.transact(['settings', 'visitIndex'], (tx) => {
      const setting = tx.get('settings', retentionSettingId);
      // Off (or never set): nothing is read further and nothing written.
      return v.is(RetentionSettingSchema, setting) && setting.months !== null ? removeExpiredVisits(tx, setting) : 0;
    });
  }

  /** Old visits the lock kept from being removed at start are removed once it is unlocked. */
  const lock = createLockControl(store, { onUnlocked: () => void applyRetention().catch(() => undefined) });

  /** Panel position and collapsed state: the panel and the content script each change their part. */
  function mergeSitePrefs(siteId: string, prefs: Partial<SitePrefs>): Promise<void> {
    return store.transact(['sitePrefs'], (tx) => {
      tx.put('sitePrefs', siteId, { ...(tx.get('sitePrefs', siteId) ?? defaultSitePrefs), ...prefs });
    });
  }

  async function panel(message: PanelToBackground, tabId: number | null): Promise<unknown> {
    switch (message.type) {
      case 'panel/tabId':
        return tabId;
      case 'visit/open':
        return store.transact(['meetings', 'settings'], async (tx) => (await openVisit(tx, message.meetingKey)).id);
      case 'visit/start':
        return store.transact([], async (tx) => void startClock(tx, await requireVisit(tx, message.visitId), message.at));
      case 'visit/end':
        return store.transact(['meetings', 'patients', 'protocols'], async (tx) => {
          const visit = await requireVisit(tx, message.visitId);
          if (visit.endedAt !== null) return;
          const talk = (['patient', 'therapist'] as Speaker[]).reduce(
            (log, speaker) => applyTalkEvent(log, { type: 'speech', speaker, speaking: false, at: message.at, source: 'manual' }),
            applyTalkEvent(visit.talk, { type: 'opening', running: false, at: message.at }),
          );
          const notes = visit.patientId ? tx.get('patients', visit.patientId)?.notes : undefined;
          const goals = notes ? { northStar: notes.northStar, shortTermGoals: notes.shortTermGoals } : null;
          tx.putVisit({ ...visit, talk, goals, startedAt: visit.startedAt ?? message.at, endedAt: message.at, ...(await protocols.outlineFor(tx, visit)) });
          const meeting = tx.get('meetings', visit.meetingKey);
          if (meeting?.openVisitId === visit.id) tx.put('meetings', visit.meetingKey, { ...meeting, openVisitId: null });
        });
      case 'visit/setFollowUp':
        return store.transact([], async (tx) => {
          const visit = await requireVisit(tx, message.visitId);
          const { merged, conflicts } = applyFieldEdits({ followUp: visit.followUp }, { followUp: message.followUp });
          if (merged.followUp !== visit.followUp) tx.putVisit({ ...visit, followUp: merged.followUp });
          return conflicts;
        });
      case 'visit/reviewGoal':
        return store.transact([], async (tx) => {
          const visit = await requireVisit(tx, message.visitId);
          const { [message.goal]: _previous, ...others } = visit.goalReview;
          tx.putVisit({ ...visit, goalReview: message.review ? { ...others, [message.goal]: message.review } : others });
        });
      case 'visit/rateSelfCheck':
        return store.transact([], async (tx) => {
          const visit = await requireVisit(tx, message.visitId);
          tx.putVisit({ ...visit, selfCheck: { ...visit.selfCheck, [message.itemId]: message.rating } });
        });
      case 'backup/import': {
        const checked = checkBackup(message.backup);
        if (!checked.ok) throw new StoreError(checked.problem);
        const { backup } = checked;
        return store.transact(['patients', 'meetings', 'protocols'], async (tx) => {
          const stored = await tx.visitsById(Object.keys(backup.visits));
          const current: StoredData = { patients: {}, visits: {}, meetings: {}, protocols: tx.entries('protocols') };
          for (const id of Object.keys(backup.patients)) {
            const patient = tx.get('patients', id);
            if (patient) current.patients[id] = patient;
          }
          for (const [id, visit] of Object.entries(stored)) {
            // A damaged visit here counts as present: the backup never writes over it.
            current.visits[id] = visit === 'damaged' ? backup.visits[id]! : visit;
          }
          for (const key of Object.keys(backup.meetings)) {
            const meeting = tx.get('meetings', key);
            if (meeting) current.meetings[key] = meeting;
          }
          const { writes, plan } = mergeBackup(current, backup);
          for (const [id, patient] of Object.entries(writes.patients)) tx.put('patients', id, patient);
          for (const visit of Object.values(writes.visits)) tx.putVisit(visit);
          for (const [key, meeting] of Object.entries(writes.meetings)) tx.put('meetings', key, meeting);
          for (const [id, protocol] of Object.entries(writes.protocols)) tx.put('protocols', id, protocol);
          return plan;
        });
      }
      case 'patient/create':
        return store.transact(['patients', 'meetings'], async (tx) => {
          const visit = await requireVisit(tx, message.visitId);
          const now = context.now();
          const patient: Patient = {
            id: context.newId(),
            createdAt: now,
            updatedAt: now,
            notes: { ...emptyNotes(), preferredName: message.preferredName },
          };
          tx.put('patients', patient.id, patient);
          assignPatient(tx, visit, patient.id);
          return patient.id;
        });
      case 'visit/assignPatient':
        return store.transact(['patients', 'meetings'], async (tx) => {
          if (!tx.get('patients', message.patientId)) throw new StoreError(i18n.t('storage.patientGone'));
          assignPatient(tx, await requireVisit(tx, message.visitId), message.patientId);
          return message.patientId;
        });
      case 'patient/updateNotes':
        return store.transact(['patients'], async (tx) => {
          const patient = tx.get('patients', message.patientId);
          if (!patient) throw new StoreError(i18n.t('storage.patientGone'));
          const { merged, conflicts } = applyFieldEdits(patient.notes, message.notes);
          if (patientNoteFields.some((field) => merged[field] !== patient.notes[field])) {
            tx.put('patients', patient.id, { ...patient, updatedAt: context.now(), notes: merged });
          }
          return conflicts;
        });
      case 'checklist/tick':
        return store.transact([], async (tx) => {
          const visit = startClock(tx, await requireVisit(tx, message.visitId), message.at);
          const { [message.itemId]: _previous, ...others } = visit.checked;
          const checked = message.checked ? { ...others, [message.itemId]: message.at } : others;
          tx.putVisit({ ...visit, checked });
        });
      case 'talk/events':
        return store.transact([], async (tx) => applyTalk(tx, await requireVisit(tx, message.visitId), message.events));
      case 'sitePrefs/update':
        return mergeSitePrefs(message.siteId, message.prefs);
      case 'listening/stop':
        return listening?.stop(message.tabId);
      case 'settings/cues':
        return store.transact(['settings'], async (tx) => {
          const cues = tx.get('settings', 'cues');
          const base = v.is(CueSettingsSchema, cues) ? cues : { ...cueDefaults, ...(await protocols.policy()).policy.cues };
          tx.put('settings', 'cues', { ...base, ...message.cues });
        });
      case 'settings/retentionPreview':
        // How many visits choosing this period would remove now, for the therapist to confirm.
        return store.transact(['visitIndex'], async (tx) => (await expiredVisits(tx, message.months)).length);
      case 'settings/retention':
        return store.transact(['settings', 'visitIndex'], (tx) => {
          const setting = { ...storedRetention(tx), months: message.months };
          tx.put('settings', retentionSettingId, setting);
          return removeExpiredVisits(tx, setting);
        });
      case 'settings/look':
        return store.transact(['settings'], (tx) => tx.put('settings', lookSettingId, { ...lookSettingOf(tx.entries('settings')), ...message.look }));
      case 'settings/panelPlace':
        return store.transact(['settings'], (tx) => tx.put('settings', panelPlaceSettingId, { place: message.place }));
      case 'protocol/save':
      case 'protocol/import':
      case 'protocol/delete':
      case 'settings/defaultProtocol':
      case 'visit/setProtocol':
        return protocols.handle(message);
      case 'sites/add':
        return addedSites?.add(message.address);
      case 'sites/remove':
        return addedSites?.remove(message.origin);
      case 'patient/delete':
        // The patient, every visit of theirs with its index line, and their mention on meeting links
        // (an open visit of theirs goes too), in one change; nothing else.
        return store.transact(['patients', 'meetings', 'visitIndex'], async (tx) => {
          if (!tx.get('patients', message.patientId)) throw new StoreError(i18n.t('storage.patientGone'));
          tx.remove('patients', message.patientId);
          const theirVisits = new Set<string>();
          for (const line of await allVisitLines(tx)) if (line.patientId === message.patientId) theirVisits.add(line.id);
          for (const id of theirVisits) tx.removeVisit(id);
          for (const [key, meeting] of Object.entries(tx.entries('meetings'))) {
            const patientId = meeting.patientId === message.patientId ? null : meeting.patientId;
            const openVisitId = meeting.openVisitId !== null && theirVisits.has(meeting.openVisitId) ? null : meeting.openVisitId;
            if (patientId !== meeting.patientId || openVisitId !== meeting.openVisitId) tx.put('meetings', key, { ...meeting, patientId, openVisitId });
          }
          return theirVisits.size;
        });
      case 'lock/turnOn':
        return lock.turnOn(message.passphrase);
      case 'lock/unlock':
        return lock.unlock(message.passphrase);
      case 'lock/lockNow':
        return lock.lockNow();
      case 'lock/change':
        return lock.changePassphrase(message.current, message.next);
      case 'lock/turnOff':
        return lock.turnOff(message.passphrase);
      case 'lock/idleMinutes':
        return lock.setIdleMinutes(message.minutes);
    }
  }

  async function audioPage(message: OffscreenToBackground): Promise<unknown> {
    if (!listening || !(await listening.isListening(message.tabId))) return null;
    switch (message.type) {
      case 'offscreen/status':
        return listening.report(message.tabId, message.status);
      case 'offscreen/talk':
        return store.transact(['callTabs', 'meetings'], async (tx) => {
          const meetingKey = tx.get('callTabs', String(message.tabId))?.meetingKey;
          const visitId = meetingKey ? tx.get('meetings', meetingKey)?.openVisitId : null;
          const visit = visitId ? await tx.visit(visitId).catch(skipDamaged) : undefined;
          // Talk heard before a visit is open, or after it ended, belongs to no visit.
          if (visit && visit.endedAt === null) applyTalk(tx, visit, message.events);
        });
    }
  }

  async function content(message: ContentToBackground, tabId: number, siteId: string): Promise<unknown> {
    // A call page only reads and moves its own site's panel.
    if ('siteId' in message && message.siteId !== siteId) throw new StoreError(i18n.t('storage.otherSiteSettings'));
    switch (message.type) {
      case 'content/callState': {
        const { state } = message;
        if (state.siteId !== siteId || (state.meetingKey !== null && !state.meetingKey.startsWith(`${siteId}:`))) {
          throw new StoreError(i18n.t('storage.otherSiteMeeting'));
        }
        await store.transact(['callTabs'], async (tx) => tx.put('callTabs', String(tabId), state));
        // Listening ends with the call.
        if (state.phase === 'left' || state.meetingKey === null) await listening?.stop(tabId);
        if (state.phase === 'inCall' && state.meetingKey) {
          const meetingKey = state.meetingKey;
          await store.transact(['meetings', 'settings'], async (tx) => void startClock(tx, await openVisit(tx, meetingKey), context.now()));
        }
        // The answer is where the call page puts its panel, so one message at load does both: the
        // site's place, the panel's place (in side panel mode the page hides its frame), and whether
        // the theme follows the call page (the page samples its look only then).
        return store.transact(['sitePrefs', 'settings'], async (tx): Promise<ContentPlacement> => ({
          ...(tx.get('sitePrefs', siteId) ?? defaultSitePrefs),
          inSidePanel: panelPlaceOf(tx.entries('settings')) === 'sidePanel',
          followLook: lookSettingOf(tx.entries('settings')).theme === 'callSite',
        }));
      }
      case 'content/savePosition':
        return mergeSitePrefs(message.siteId, message.prefs);
      case 'content/addedSite':
        return (await addedSites?.siteData(siteId)) ?? null;
    }
  }

  /** One entry point for runtime messages: checks the sender and the payload, never throws. */
  async function handleMessage(message: unknown, sender: Parameters<typeof classifySender>[0]): Promise<Reply> {
    const from = classifySender(sender);
    try {
      if (from?.kind === 'extensionPage') {
        const parsed = v.safeParse(PanelToBackgroundSchema, message);
        if (parsed.success) return { ok: true, value: await panel(parsed.output, from.tabId) };
      } else if (from?.kind === 'audioPage') {
        const parsed = v.safeParse(OffscreenToBackgroundSchema, message);
        if (parsed.success) return { ok: true, value: await audioPage(parsed.output) };
      } else if (from?.kind === 'contentScript') {
        const parsed = v.safeParse(ContentToBackgroundSchema, message);
        if (parsed.success) return { ok: true, value: await content(parsed.output, from.tabId, from.siteId) };
      }
      return { ok: false, error: i18n.t('storage.unexpectedMessage') };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error: error.message };
      console.error('[rapport] message failed', error);
      return { ok: false, error: i18n.t('storage.failed') };
    }
  }

  /** A keyboard command's talk events on the active call tab's visit (opened if none is). */
  async function talkOnTab(tabId: number, events: (log: Visit['talk'], at: number) => TalkEvent[]): Promise<void> {
    await store.transact(['callTabs', 'meetings', 'settings'], async (tx) => {
      const meetingKey = tx.get('callTabs', String(tabId))?.meetingKey;
      if (!meetingKey) return;
      const visit = await openVisit(tx, meetingKey);
      applyTalk(tx, visit, events(visit.talk, context.now()));
    });
  }

  /** Keyboard command "patient talking" / "I'm talking". */
  const toggleSpeakerOnTab = (tabId: number, speaker: Speaker) => talkOnTab(tabId, (log, at) => toggleFloor(log, speaker, at));
  /** Keyboard command: start or stop the opening statement timer. */
  const toggleOpeningOnTab = (tabId: number) => talkOnTab(tabId, toggleOpening);

  /**
   * Keyboard command: ticks the first unticked practice of the visit under way on the tab. Says what
   * it ticked, 'allTicked' when nothing was left, or null when the tab has no visit under way.
   */
  function tickNextOnTab(tabId: number): Promise<ProtocolItem | 'allTicked' | null> {
    return store.transact(['callTabs', 'meetings', 'protocols'], async (tx) => {
      const meetingKey = tx.get('callTabs', String(tabId))?.meetingKey;
      const visitId = meetingKey ? tx.get('meetings', meetingKey)?.openVisitId : null;
      const visit = visitId ? await tx.visit(visitId).catch(skipDamaged) : undefined;
      if (!visit || visit.endedAt !== null) return null;
      const item = nextUntickedItem((await protocols.protocolOf(tx, visit)).sections, visit.checked);
      if (!item) return 'allTicked';
      const at = context.now();
      const started = startClock(tx, visit, at);
      tx.putVisit({ ...started, checked: { ...started.checked, [item.id]: at } });
      return item;
    });
  }

  async function forgetTab(tabId: number): Promise<void> {
    await listening?.stop(tabId);
    await store.transact(['callTabs'], async (tx) => tx.remove('callTabs', String(tabId)));
  }

  return { handleMessage, toggleSpeakerOnTab, toggleOpeningOnTab, tickNextOnTab, forgetTab, applyRetention, lock };
}
