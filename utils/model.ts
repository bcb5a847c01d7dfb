import * as v from 'valibot';
import type { MeetingKey } from './sites';
import { CallLookSchema } from './look.ts';

/** Notes the therapist keeps about a patient; the checklist's answers land in the last seven. */
export const patientNoteFields = [
  'preferredName',
  'pronunciation',
  'pronouns',
  'language',
  'greeting',
  'hobbies',
  'why',
  'expectations',
  'optionsOffered',
  'optionChosen',
  'northStar',
  'shortTermGoals',
  'askNextTime',
] as const;
export type PatientNoteField = (typeof patientNoteFields)[number];

const noteText = v.pipe(v.string(), v.maxLength(2000));

export const PatientNotesSchema = v.object(
  Object.fromEntries(patientNoteFields.map((field) => [field, v.optional(noteText, '')])) as {
    [K in PatientNoteField]: v.OptionalSchema<typeof noteText, ''>;
  },
);
export type PatientNotes = v.InferOutput<typeof PatientNotesSchema>;

export const PatientSchema = v.object({
  id: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  notes: PatientNotesSchema,
});
export type Patient = v.InferOutput<typeof PatientSchema>;

export const SpeakerSchema = v.picklist(['patient', 'therapist']);
export type Speaker = v.InferOutput<typeof SpeakerSchema>;

export const TalkSegmentSchema = v.object({
  speaker: SpeakerSchema,
  start: v.number(),
  end: v.nullable(v.number()),
  source: v.picklist(['manual', 'auto']),
});
export type TalkSegment = v.InferOutput<typeof TalkSegmentSchema>;

export const TalkLogSchema = v.object({
  segments: v.array(TalkSegmentSchema),
  opening: v.object({ startedAt: v.nullable(v.number()), endedAt: v.nullable(v.number()) }),
});
export type TalkLog = v.InferOutput<typeof TalkLogSchema>;

export const GoalKindSchema = v.picklist(['northStar', 'shortTermGoals']);
export type GoalKind = v.InferOutput<typeof GoalKindSchema>;
export const GoalReviewSchema = v.picklist(['reviewed', 'met']);
export type GoalReview = v.InferOutput<typeof GoalReviewSchema>;
export const SelfCheckRatingSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5));

/** The checklist a finished visit used, kept in the visit so its note and coverage read the same after the protocol is edited. */
export const ProtocolOutlineSchema = v.object({
  id: v.string(),
  name: v.string(),
  sections: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      source: v.optional(v.string(), ''),
      items: v.array(v.object({ id: v.string(), text: v.string(), captures: v.optional(v.picklist(patientNoteFields)) })),
    }),
  ),
});
export type ProtocolOutline = v.InferOutput<typeof ProtocolOutlineSchema>;

export const VisitSchema = v.object({
  id: v.string(),
  meetingKey: v.string(),
  patientId: v.nullable(v.string()),
  createdAt: v.number(),
  /** When the visit clock started: the call was joined, or the therapist started it. */
  startedAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  /** Checklist item id to the time (epoch ms) it was ticked. */
  checked: v.record(v.string(), v.number()),
  talk: TalkLogSchema,
  /** The follow-up agreed at the end of the visit, in the therapist's words ("in two weeks, Dec 5"). */
  followUp: v.optional(noteText, ''),
  /** The patient's goals as they stood when the visit ended, so each goal's history can be told. */
  goals: v.optional(v.nullable(v.object({ northStar: noteText, shortTermGoals: noteText })), null),
  /** What happened to last time's goals in this visit. */
  goalReview: v.optional(v.record(GoalKindSchema, GoalReviewSchema), {}),
  /** The therapist's own quick check after the visit: item id to a rating from 1 to 5. */
  selfCheck: v.optional(v.record(v.string(), SelfCheckRatingSchema), {}),
  /** The protocol picked for the visit (utils/protocols.ts); visits from before protocols could be chosen used the default. */
  protocolId: v.optional(v.string()),
  /** Set when the visit ends. */
  protocolUsed: v.optional(ProtocolOutlineSchema),
});
export type Visit = v.InferOutput<typeof VisitSchema>;

/**
 * What the history, the options page and the "last time" card need of a visit, kept small in one
 * index so they never read the visits themselves (each visit is stored under its own key).
 */
export const VisitIndexEntrySchema = v.object({
  id: v.string(),
  patientId: v.nullable(v.string()),
  meetingKey: v.string(),
  createdAt: v.number(),
  startedAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  practicesDone: v.number(),
  /** How many practices its protocol had; index lines from before protocols could be edited count the default's. */
  practicesTotal: v.optional(v.number()),
  therapistShare: v.nullable(v.number()),
  openingMs: v.nullable(v.number()),
  selfCheck: v.nullable(v.number()),
  goals: v.nullable(v.object({ northStar: noteText, shortTermGoals: noteText })),
  goalReview: v.record(GoalKindSchema, GoalReviewSchema),
});
export type VisitIndexEntry = v.InferOutput<typeof VisitIndexEntrySchema>;

/** A recurring meeting link remembers its patient and the visit under way on it. */
export const MeetingSchema = v.object({
  patientId: v.nullable(v.string()),
  openVisitId: v.nullable(v.string()),
});
export type Meeting = v.InferOutput<typeof MeetingSchema>;

/** Where the in-page panel sits on one site; site settings are the only stored data a content script reads. */
export const SitePrefsSchema = v.object({
  edge: v.picklist(['left', 'right']),
  /** Distance from that edge, in CSS pixels. */
  inset: v.number(),
  top: v.number(),
  collapsed: v.boolean(),
});
export type SitePrefs = v.InferOutput<typeof SitePrefsSchema>;

export const CallTabSchema = v.object({
  siteId: v.string(),
  meetingKey: v.nullable(v.string()),
  phase: v.picklist(['greenRoom', 'inCall', 'left', 'unknown']),
  /** The call page's own look, for panels set to "Match the call site". */
  look: v.optional(CallLookSchema),
});
export type CallTab = v.InferOutput<typeof CallTabSchema>;

/**
 * Automatic talk time on one call tab: what each audio source is doing. Kept in session storage,
 * so every panel shows whether listening is on; it holds no audio, only these states.
 */
export const ListeningSchema = v.object({
  startedAt: v.number(),
  /** The therapist's microphone. */
  microphone: v.picklist(['starting', 'on', 'refused', 'missing', 'ended', 'unavailable']),
  /** The call tab's sound (the patient). */
  call: v.picklist(['starting', 'on', 'unavailable', 'ended']),
  /** The call's sound flows to the speakers from Rapport's audio page (a captured tab is otherwise silent). */
  playback: v.boolean(),
});
export type Listening = v.InferOutput<typeof ListeningSchema>;

export function emptyNotes(): PatientNotes {
  return v.parse(PatientNotesSchema, {});
}

export function newVisit(id: string, meetingKey: MeetingKey | string, patientId: string | null, now: number): Visit {
  return {
    id,
    meetingKey,
    patientId,
    createdAt: now,
    startedAt: null,
    endedAt: null,
    checked: {},
    talk: { segments: [], opening: { startedAt: null, endedAt: null } },
    followUp: '',
    goals: null,
    goalReview: {},
    selfCheck: {},
  };
}
