import { i18n } from '#i18n';
import { conversationMetrics, shareBetween } from './conversation';
import type { Patient, TalkLog, Visit } from './model';
import { defaultProtocol, type ProtocolSection } from './protocol';
import { openingMs, talkTotals } from './talk';
import { formatClock } from './format';

/** What a finished (or unfinished) visit amounts to, for the summary view and the chart note. */
export interface VisitSummary {
  startedAt: number | null;
  durationMs: number | null;
  patientName: string;
  pronouns: string;
  why: string;
  expectations: string;
  optionsOffered: string;
  optionChosen: string;
  northStar: string;
  shortTermGoals: string;
  askNextTime: string;
  followUp: string;
  taught: string[];
  coverage: { title: string; done: number; total: number; skipped: string[] }[];
  talk: { patientMs: number; therapistMs: number; therapistShare: number | null; openingMs: number | null; measured: TalkMeasure };
  /** What only call audio can tell (overlaps and pauses); null when talk was tracked by hand only. */
  listening: ListeningMetrics | null;
}

export type TalkMeasure = 'none' | 'hand' | 'audio' | 'audioAndHand';

export interface ListeningMetrics {
  openingStatementMs: number | null;
  interruptions: number;
  backchannels: number;
  medianResponsePauseMs: number | null;
  longestPatientTurnMs: number;
  longestTherapistTurnMs: number;
  /** The therapist's share in each checklist section's part of the visit (history is patient-heavy, education therapist-heavy). */
  shareBySection: { title: string; therapistShare: number }[];
}

function talkMeasure(log: TalkLog): TalkMeasure {
  const sources = new Set(log.segments.map((segment) => segment.source));
  if (sources.has('auto')) return sources.has('manual') ? 'audioAndHand' : 'audio';
  return sources.has('manual') ? 'hand' : 'none';
}

/**
 * Each stretch of the visit belongs to the section whose practice was ticked last: ticking "the
 * why" starts the history part, ticking an education item the teaching part.
 */
function shareBySection(visit: Visit, protocol: readonly ProtocolSection[], end: number): ListeningMetrics['shareBySection'] {
  const sectionOf = new Map(protocol.flatMap((section) => section.items.map((item) => [item.id, section.title] as const)));
  const ticks = Object.entries(visit.checked)
    .flatMap(([id, at]) => (sectionOf.has(id) ? [{ at, title: sectionOf.get(id)! }] : []))
    .sort((a, b) => a.at - b.at);
  const talkMs = new Map<string, { therapistMs: number; patientMs: number }>();
  ticks.forEach((tick, i) => {
    const share = shareBetween(visit.talk.segments, tick.at, ticks[i + 1]?.at ?? end, end);
    const sum = talkMs.get(tick.title) ?? { therapistMs: 0, patientMs: 0 };
    talkMs.set(tick.title, { therapistMs: sum.therapistMs + share.therapistMs, patientMs: sum.patientMs + share.patientMs });
  });
  return protocol.flatMap(({ title }) => {
    const sum = talkMs.get(title);
    const total = sum ? sum.therapistMs + sum.patientMs : 0;
    return sum && total > 0 ? [{ title, therapistShare: sum.therapistMs / total }] : [];
  });
}

function listeningMetrics(visit: Visit, protocol: readonly ProtocolSection[], end: number): ListeningMetrics | null {
  if (!visit.talk.segments.some((segment) => segment.source === 'auto')) return null;
  const metrics = conversationMetrics(visit.talk.segments, { now: end, openingStartedAt: visit.talk.opening.startedAt });
  return {
    openingStatementMs: metrics.openingStatementMs,
    interruptions: metrics.interruptions,
    backchannels: metrics.backchannels,
    medianResponsePauseMs: metrics.medianResponsePauseMs,
    longestPatientTurnMs: metrics.longestPatientTurnMs,
    longestTherapistTurnMs: metrics.longestTherapistTurnMs,
    shareBySection: shareBySection(visit, protocol, end),
  };
}

/** Checklist items that mean something was taught, and how the note words it. */
const teaching: Record<string, 'note.taughtPainEducation' | 'note.taughtPlainFindings'> = {
  'pain-education': 'note.taughtPainEducation',
  'plain-findings': 'note.taughtPlainFindings',
};

export function summarizeVisit(visit: Visit, patient: Patient | undefined, protocol: readonly ProtocolSection[] = defaultProtocol): VisitSummary {
  const end = visit.endedAt ?? visit.startedAt;
  const notes = patient?.notes;
  const listening = listeningMetrics(visit, protocol, end ?? 0);
  return {
    startedAt: visit.startedAt,
    durationMs: visit.startedAt !== null && end !== null ? Math.max(0, end - visit.startedAt) : null,
    patientName: notes?.preferredName ?? '',
    pronouns: notes?.pronouns ?? '',
    why: notes?.why ?? '',
    expectations: notes?.expectations ?? '',
    optionsOffered: notes?.optionsOffered ?? '',
    optionChosen: notes?.optionChosen ?? '',
    northStar: notes?.northStar ?? '',
    shortTermGoals: notes?.shortTermGoals ?? '',
    askNextTime: notes?.askNextTime ?? '',
    followUp: visit.followUp,
    taught: Object.entries(teaching)
      .filter(([id]) => id in visit.checked)
      .map(([, words]) => i18n.t(words)),
    coverage: protocol.map((section) => ({
      title: section.title,
      done: section.items.filter((item) => item.id in visit.checked).length,
      total: section.items.length,
      skipped: section.items.filter((item) => !(item.id in visit.checked)).map((item) => item.text),
    })),
    talk: {
      ...talkTotals(visit.talk, end ?? 0),
      // From call audio the opening statement starts at the patient's first words, not at the button press.
      openingMs: listening ? listening.openingStatementMs : openingMs(visit.talk, end ?? 0),
      measured: talkMeasure(visit.talk),
    },
    listening,
  };
}

/**
 * Text as an EHR takes it: no control characters or emoji, spaces tidied, and a field's own line
 * breaks kept but indented so they read as part of that field.
 */
export function plainText(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u200D\uFE0E\uFE0F\u20E3]/gu, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/[\p{Cc}--[\n]]/gv, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n  ');
}

const dateFormat = (timeZone?: string) => new Intl.DateTimeFormat(i18n.t('format.locale'), { dateStyle: 'medium', timeStyle: 'short', timeZone });

/** The note to paste into the clinical record. Fields the visit left empty are left out. */
export function formatNote(summary: VisitSummary, options: { timeZone?: string } = {}): string {
  const lines: string[] = [i18n.t('note.title')];
  const field = (label: string, value: string) => {
    const text = plainText(value);
    if (text) lines.push(i18n.t('note.field', [label, text]));
  };
  const list = (items: readonly string[]) => items.join(i18n.t('note.listSeparator'));
  if (summary.startedAt !== null) {
    // Some ICU versions put a narrow no-break space before AM/PM; records want a plain one.
    const date = dateFormat(options.timeZone).format(summary.startedAt).replace(/\u202f/g, ' ');
    lines.push(summary.durationMs !== null ? i18n.t('note.dateWithLength', [date, Math.round(summary.durationMs / 60_000)]) : i18n.t('note.date', [date]));
  }
  field(i18n.t('note.patient'), [summary.patientName, summary.pronouns && i18n.t('note.pronouns', [summary.pronouns])].filter(Boolean).join(' '));
  lines.push('');
  field(i18n.t('note.why'), summary.why);
  field(i18n.t('note.expectations'), summary.expectations);
  field(i18n.t('note.optionsOffered'), summary.optionsOffered);
  field(i18n.t('note.optionChosen'), summary.optionChosen);
  field(i18n.t('note.northStar'), summary.northStar);
  field(i18n.t('note.shortTermGoals'), summary.shortTermGoals);
  if (summary.taught.length > 0) lines.push(i18n.t('note.field', [i18n.t('note.education'), list(summary.taught)]));
  field(i18n.t('note.followUp'), summary.followUp);
  field(i18n.t('note.askNextTime'), summary.askNextTime);
  lines.push('');
  const done = summary.coverage.reduce((sum, section) => sum + section.done, 0);
  const total = summary.coverage.reduce((sum, section) => sum + section.total, 0);
  lines.push(i18n.t('note.covered', [done, total]));
  for (const { title, done, total, skipped } of summary.coverage) {
    lines.push(skipped.length > 0 && done > 0 ? i18n.t('note.sectionNotDone', [title, done, total, list(skipped)]) : i18n.t('note.section', [title, done, total]));
  }
  const { talk } = summary;
  if (talk.patientMs + talk.therapistMs > 0) {
    const share = talk.therapistShare === null ? '' : i18n.t('note.talkShare', [Math.round(talk.therapistShare * 100)]);
    const how = { none: '', hand: i18n.t('note.measuredHand'), audio: i18n.t('note.measuredAudio'), audioAndHand: i18n.t('note.measuredBoth') };
    lines.push(`${i18n.t('note.talk', [formatClock(talk.patientMs), formatClock(talk.therapistMs)])}${share}${how[talk.measured]}`);
  }
  if (talk.openingMs !== null) lines.push(i18n.t('note.opening', [formatClock(talk.openingMs)]));
  const { listening } = summary;
  if (listening) {
    lines.push(i18n.t('note.interruptions', [listening.interruptions, listening.backchannels]));
    if (listening.medianResponsePauseMs !== null) lines.push(i18n.t('note.responsePause', [(listening.medianResponsePauseMs / 1000).toFixed(1)]));
    lines.push(i18n.t('note.longestTurns', [formatClock(listening.longestPatientTurnMs), formatClock(listening.longestTherapistTurnMs)]));
    if (listening.shareBySection.length > 0) {
      lines.push(i18n.t('note.shareBySection', [list(listening.shareBySection.map((part) => i18n.t('note.sectionShare', [part.title, Math.round(part.therapistShare * 100)])))]));
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
