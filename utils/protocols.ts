import * as v from 'valibot';
import { i18n } from '#i18n';
import { SafeIdSchema } from './safe-id';
import type { PatientNoteField, ProtocolOutline, Visit } from './model';
import { defaultProtocol, phraseBank, type PhraseGroup, type ProtocolItem, type ProtocolSection } from './protocol';

/**
 * Protocols the therapist keeps: the checklist (sections of practices) and the phrase bank, edited
 * on the options page and picked per visit. Item ids never change once made, so a visit's ticks
 * and the notes an item saves keep their meaning through renames and reorders.
 */
export interface Protocol {
  id: string;
  name: string;
  sections: ProtocolSection[];
  phrases: PhraseGroup[];
  updatedAt: number;
}

/** Where a protocol comes from: shipped with Rapport, made or changed by the therapist, or set by their clinic (read-only). */
export type ProtocolOrigin = 'builtIn' | 'own' | 'clinic';
export interface ListedProtocol {
  protocol: Protocol;
  origin: ProtocolOrigin;
}

export const DEFAULT_PROTOCOL_ID = 'default';
/** Clinic protocols are named apart, so a policy never shadows one of the therapist's own. */
export const CLINIC_PREFIX = 'clinic.';

export const evidenceProtocol: Protocol = {
  id: DEFAULT_PROTOCOL_ID,
  name: 'Evidence-based default',
  sections: structuredClone(defaultProtocol) as ProtocolSection[],
  phrases: structuredClone(phraseBank) as PhraseGroup[],
  updatedAt: 0,
};

/**
 * The note fields a practice can save its answer to: the patient's why, expectations, options,
 * goals and what to ask next time. Each already has its line in the visit note and the goal
 * history, so an edited or new practice that captures an answer fills one of them.
 */
export const answerFields = ['why', 'expectations', 'optionsOffered', 'optionChosen', 'northStar', 'shortTermGoals', 'askNextTime'] as const satisfies readonly PatientNoteField[];
const answerFieldKeys = {
  why: 'protocolCheck.answerField.why',
  expectations: 'protocolCheck.answerField.expectations',
  optionsOffered: 'protocolCheck.answerField.optionsOffered',
  optionChosen: 'protocolCheck.answerField.optionChosen',
  northStar: 'protocolCheck.answerField.northStar',
  shortTermGoals: 'protocolCheck.answerField.shortTermGoals',
  askNextTime: 'protocolCheck.answerField.askNextTime',
} as const satisfies Record<(typeof answerFields)[number], string>;
export const answerFieldLabel = (field: (typeof answerFields)[number]): string => i18n.t(answerFieldKeys[field]);

export const protocolLimits = { name: 80, title: 100, text: 200, source: 300, phrase: 300, sections: 20, itemsPerSection: 30, items: 100, groups: 10, phrasesPerGroup: 30 } as const;

/** What a problem is about, named in the catalogue; messages are read when a problem is found. */
const subjects = {
  practiceText: 'protocolCheck.subject.practiceText',
  sectionTitle: 'protocolCheck.subject.sectionTitle',
  groupTitle: 'protocolCheck.subject.groupTitle',
  phrase: 'protocolCheck.subject.phrase',
  name: 'protocolCheck.subject.name',
  practice: 'protocolCheck.subject.practice',
  section: 'protocolCheck.subject.section',
  group: 'protocolCheck.subject.group',
  protocol: 'protocolCheck.subject.protocol',
  practicesInSection: 'protocolCheck.subject.practicesInSection',
  phrasesInGroup: 'protocolCheck.subject.phrasesInGroup',
  sections: 'protocolCheck.subject.sections',
  groups: 'protocolCheck.subject.groups',
} as const;
type Subject = keyof typeof subjects;
const named = (what: Subject) => i18n.t(subjects[what]);

const words = (max: number, what: Subject) =>
  v.pipe(
    v.string(() => i18n.t('protocolCheck.mustBeText', [named(what)])),
    v.trim(),
    v.minLength(1, () => i18n.t('protocolCheck.isEmpty', [named(what)])),
    v.maxLength(max, () => i18n.t('protocolCheck.tooLong', [named(what), max])),
  );
const idOf = (what: Subject) =>
  v.pipe(
    v.string(() => i18n.t('protocolCheck.idMustBeText', [named(what)])),
    v.check((value) => v.is(SafeIdSchema, value), () => i18n.t('protocolCheck.idCharacters', [named(what)])),
  );
const listOf = <T extends v.GenericSchema>(item: T, max: number, what: Subject) =>
  v.pipe(
    v.array(item, () => i18n.t('protocolCheck.mustBeList', [named(what)])),
    v.maxLength(max, () => i18n.t('protocolCheck.moreThan', [max, named(what)])),
  );

const ItemSchema = v.object({
  id: idOf('practice'),
  text: words(protocolLimits.text, 'practiceText'),
  captures: v.optional(v.picklist(answerFields, () => i18n.t('protocolCheck.unknownField'))),
});
const SectionSchema = v.object({
  id: idOf('section'),
  title: words(protocolLimits.title, 'sectionTitle'),
  source: v.optional(
    v.pipe(
      v.string(() => i18n.t('protocolCheck.sourceMustBeText')),
      v.maxLength(protocolLimits.source, () => i18n.t('protocolCheck.sourceTooLong', [protocolLimits.source])),
    ),
    '',
  ),
  items: v.pipe(listOf(ItemSchema, protocolLimits.itemsPerSection, 'practicesInSection'), v.minLength(1, () => i18n.t('protocolCheck.noPractices'))),
});
const PhraseGroupSchema = v.object({
  id: idOf('group'),
  title: words(protocolLimits.title, 'groupTitle'),
  phrases: listOf(words(protocolLimits.phrase, 'phrase'), protocolLimits.phrasesPerGroup, 'phrasesInGroup'),
});

const contentEntries = {
  name: words(protocolLimits.name, 'name'),
  sections: v.pipe(listOf(SectionSchema, protocolLimits.sections, 'sections'), v.minLength(1, () => i18n.t('protocolCheck.noSections'))),
  phrases: v.optional(listOf(PhraseGroupSchema, protocolLimits.groups, 'groups'), []),
};
type Content = Pick<Protocol, 'name' | 'sections' | 'phrases'>;

/** What the field schemas cannot see: limits across sections, and ids and note fields used once. */
function contentProblem(content: Content): string | null {
  const items = content.sections.flatMap((section) => section.items);
  if (items.length > protocolLimits.items) return i18n.t('protocolCheck.tooManyPractices', [protocolLimits.items]);
  if (!unique(items.map((item) => item.id))) return i18n.t('protocolCheck.practiceIdTwice');
  if (!unique(content.sections.map((section) => section.id)) || !unique(content.phrases.map((group) => group.id))) return i18n.t('protocolCheck.sectionIdTwice');
  if (!unique(items.flatMap((item) => (item.captures ? [item.captures] : [])))) return i18n.t('protocolCheck.fieldTwice');
  return null;
}
const contentRules = <T extends Content>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? contentProblem(dataset.value) : null;
    if (problem) addIssue({ message: problem });
  });

/** What a protocol is made of (in a file or a clinic policy), checked whole. */
export const ProtocolContentSchema = v.pipe(v.object(contentEntries), contentRules());
export const ProtocolSchema: v.GenericSchema<unknown, Protocol> = v.pipe(v.object({ id: idOf('protocol'), updatedAt: v.number(), ...contentEntries }), contentRules());

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}

/** A protocol checked whole; the first problem in plain words, naming where it is. */
export function checkProtocol(value: unknown): { ok: true; protocol: Protocol } | { ok: false; problem: string } {
  const parsed = v.safeParse(ProtocolSchema, value);
  return parsed.success ? { ok: true, protocol: parsed.output } : { ok: false, problem: describeIssue(parsed.issues[0]) };
}

const placeNames: Record<string, 'protocolCheck.place.section' | 'protocolCheck.place.practice' | 'protocolCheck.place.protocol'> = {
  sections: 'protocolCheck.place.section',
  items: 'protocolCheck.place.practice',
  protocols: 'protocolCheck.place.protocol',
};

/** "Section 2 (Goals), practice 3: the practice text is empty." */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where: string[] = [];
  let parent: unknown;
  let inGroup = false;
  for (const step of issue.path ?? []) {
    if (typeof step.key === 'number' && typeof parent === 'string') {
      const title = (step.value as { title?: unknown } | undefined)?.title;
      // A phrase group's own list is called "phrases" too.
      const name = parent === 'phrases' ? (inGroup ? 'protocolCheck.place.phrase' : 'protocolCheck.place.phraseGroup') : placeNames[parent];
      if (name) {
        const place = i18n.t(name, [step.key + 1]);
        where.push(typeof title === 'string' && title.trim() ? i18n.t('protocolCheck.placeTitled', [place, title.trim().slice(0, 40)]) : place);
        inGroup ||= parent === 'phrases';
      }
    }
    parent = step.key;
  }
  const place = where.join(i18n.t('protocolCheck.placeSeparator'));
  // Valibot's own wording ("Invalid type: ...") gets the field's name in front of it.
  const field = issue.path?.at(-1)?.key;
  const message = issue.message.startsWith('Invalid') && typeof field === 'string' ? i18n.t('protocolCheck.badValue', [field, issue.message.replace(/^Invalid \w+: /, '')]) : issue.message;
  const capital = (text: string) => text.replace(/^./, (first) => first.toUpperCase());
  return place ? i18n.t('protocolCheck.issueAt', [capital(place), message]) : i18n.t('protocolCheck.issue', [capital(message)]);
}

/** The protocols to choose from: the shipped default (or the therapist's edit of it), their own, then their clinic's. */
export function listProtocols(stored: Record<string, Protocol>, clinic: readonly Protocol[]): ListedProtocol[] {
  const own = Object.values(stored)
    .filter((protocol) => protocol.id !== DEFAULT_PROTOCOL_ID)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    { protocol: stored[DEFAULT_PROTOCOL_ID] ?? evidenceProtocol, origin: stored[DEFAULT_PROTOCOL_ID] ? 'own' : 'builtIn' },
    ...own.map((protocol) => ({ protocol, origin: 'own' as const })),
    ...clinic.map((protocol) => ({ protocol, origin: 'clinic' as const })),
  ];
}

/** A protocol by id; one removed since falls back to the default, so a running visit always has a checklist. */
export function findProtocol(list: readonly ListedProtocol[], id: string | undefined): Protocol {
  return (list.find((entry) => entry.protocol.id === (id ?? DEFAULT_PROTOCOL_ID)) ?? list[0]!).protocol;
}

/**
 * What a finished visit keeps of its protocol, so its note reads the same after the protocol
 * changes: section titles and practice texts by id (no sources or answers, which the note does not
 * show; about 2 kB for the default).
 */
export function outlineOf(protocol: Protocol): ProtocolOutline {
  return {
    id: protocol.id,
    name: protocol.name,
    sections: protocol.sections.map(({ id, title, items }) => ({ id, title, source: '', items: items.map((item) => ({ id: item.id, text: item.text })) })),
  };
}

/** The checklist an ended visit used: its outline, or (none kept) the shipped default, which visits from before protocols and those that used it unedited followed. */
export function endedVisitSections(visit: Pick<Visit, 'protocolUsed'>): readonly ProtocolSection[] {
  return visit.protocolUsed?.sections ?? evidenceProtocol.sections;
}

export function practiceCount(sections: readonly ProtocolSection[]): number {
  return sections.reduce((sum, section) => sum + section.items.length, 0);
}

/** The protocol new visits start with, as chosen on the options page (settings entry `protocol`). */
export const protocolChoiceId = 'protocol';
export const ProtocolChoiceSchema = v.object({ defaultProtocolId: v.pipe(v.string(), v.check((value) => v.is(SafeIdSchema, value))) });
export type ProtocolChoice = v.InferOutput<typeof ProtocolChoiceSchema>;
