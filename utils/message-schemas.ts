import * as v from 'valibot';
import { CueSettingsSchema } from './cues';
import { RetentionSettingSchema } from './retention';
import { LookSettingSchema } from './look';
import { PanelPlaceSettingSchema } from './panel-place';
import { HttpsOriginSchema } from './added-sites-setting';
import { FieldEditSchema } from './field-edits';
import { idleChoices } from './lock';
import { SafeIdSchema } from './safe-id';
import { CallTabSchema, GoalKindSchema, ListeningSchema, GoalReviewSchema, patientNoteFields, SelfCheckRatingSchema, SitePrefsSchema, SpeakerSchema, type PatientNoteField } from './model';

/** Schemas of the messages the background receives; it validates every one against them. */
// In its own module, so pages that check ids (protocols) do not carry every message schema.
export { SafeIdSchema } from './safe-id';
const id = SafeIdSchema;
const at = v.pipe(v.number(), v.finite());
const passphrase = v.pipe(v.string(), v.maxLength(1000));

/** Changed note fields, each with the value its editor started from; unknown keys are refused. */
const NoteEditsSchema = v.strictObject(
  Object.fromEntries(patientNoteFields.map((field) => [field, v.optional(FieldEditSchema)])) as {
    [K in PatientNoteField]: v.OptionalSchema<typeof FieldEditSchema, undefined>;
  },
);

const TalkEventSchema = v.variant('type', [
  v.object({
    type: v.literal('speech'),
    speaker: SpeakerSchema,
    speaking: v.boolean(),
    at,
    source: v.picklist(['manual', 'auto']),
    short: v.optional(v.boolean()),
  }),
  v.object({ type: v.literal('opening'), running: v.boolean(), at }),
]);

export const PanelToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('panel/tabId') }),
  v.object({ type: v.literal('visit/open'), meetingKey: id }),
  v.object({ type: v.literal('visit/start'), visitId: id, at }),
  v.object({ type: v.literal('visit/end'), visitId: id, at }),
  v.object({ type: v.literal('visit/setFollowUp'), visitId: id, followUp: FieldEditSchema }),
  v.object({ type: v.literal('visit/reviewGoal'), visitId: id, goal: GoalKindSchema, review: v.nullable(GoalReviewSchema) }),
  // The backup itself is checked by checkBackup, which names the first problem in plain words.
  v.object({ type: v.literal('backup/import'), backup: v.unknown() }),
  v.object({ type: v.literal('visit/rateSelfCheck'), visitId: id, itemId: id, rating: SelfCheckRatingSchema }),
  v.object({ type: v.literal('patient/create'), visitId: id, preferredName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)) }),
  v.object({ type: v.literal('visit/assignPatient'), visitId: id, patientId: id }),
  v.object({ type: v.literal('patient/updateNotes'), patientId: id, notes: NoteEditsSchema }),
  v.object({ type: v.literal('checklist/tick'), visitId: id, itemId: id, checked: v.boolean(), at }),
  v.object({ type: v.literal('talk/events'), visitId: id, events: v.pipe(v.array(TalkEventSchema), v.maxLength(10)) }),
  v.object({ type: v.literal('sitePrefs/update'), siteId: id, prefs: v.strictObject(v.partial(SitePrefsSchema).entries) }),
  v.object({ type: v.literal('listening/stop'), tabId: v.pipe(v.number(), v.integer()) }),
  v.object({ type: v.literal('settings/cues'), cues: v.strictObject(v.partial(CueSettingsSchema).entries) }),
  v.object({ type: v.literal('settings/retention'), months: RetentionSettingSchema.entries.months }),
  v.object({ type: v.literal('settings/look'), look: v.strictObject(v.partial(LookSettingSchema).entries) }),
  v.object({ type: v.literal('settings/panelPlace'), place: PanelPlaceSettingSchema.entries.place }),
  v.object({ type: v.literal('settings/retentionPreview'), months: RetentionSettingSchema.entries.months }),
  v.object({ type: v.literal('patient/delete'), patientId: id }),
  v.object({ type: v.literal('lock/turnOn'), passphrase }),
  v.object({ type: v.literal('lock/unlock'), passphrase }),
  v.object({ type: v.literal('lock/lockNow') }),
  v.object({ type: v.literal('lock/change'), current: passphrase, next: passphrase }),
  v.object({ type: v.literal('lock/turnOff'), passphrase }),
  v.object({ type: v.literal('lock/idleMinutes'), minutes: v.picklist(idleChoices) }),
  // Protocols and protocol files are checked whole by checkProtocol and checkProtocolFile (utils/protocol-handlers.ts).
  v.object({ type: v.literal('protocol/save'), protocol: v.unknown() }),
  v.object({ type: v.literal('protocol/import'), file: v.unknown() }),
  v.object({ type: v.literal('protocol/delete'), protocolId: id }),
  v.object({ type: v.literal('settings/defaultProtocol'), protocolId: id }),
  v.object({ type: v.literal('visit/setProtocol'), visitId: id, protocolId: id }),
  // "Add a site": the address as typed (the background reads it the way the options page did), after the browser let Rapport on it.
  v.object({ type: v.literal('sites/add'), address: v.pipe(v.string(), v.maxLength(2000)) }),
  v.object({ type: v.literal('sites/remove'), origin: HttpsOriginSchema }),
]);
export type PanelToBackground = v.InferOutput<typeof PanelToBackgroundSchema>;

export const ContentToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('content/callState'), state: CallTabSchema }),
  v.object({ type: v.literal('content/addedSite') }),
  v.object({ type: v.literal('content/savePosition'), siteId: id, prefs: v.strictObject(v.pick(SitePrefsSchema, ['edge', 'inset', 'top']).entries) }),
]);
export type ContentToBackground = v.InferOutput<typeof ContentToBackgroundSchema>;


/** From the audio page (offscreen document): timings and source states, never audio. */
export const OffscreenToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('offscreen/talk'), tabId: v.pipe(v.number(), v.integer()), events: v.pipe(v.array(TalkEventSchema), v.maxLength(20)) }),
  v.object({ type: v.literal('offscreen/status'), tabId: v.pipe(v.number(), v.integer()), status: v.omit(ListeningSchema, ['startedAt']) }),
]);
export type OffscreenToBackground = v.InferOutput<typeof OffscreenToBackgroundSchema>;
