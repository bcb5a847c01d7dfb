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
const teaching: Record<string, string> = {
  'pain-education': 'pain neuroscience education',
  'plain-findings': 'findings explained in plain language',
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
      .map(([, words]) => words),
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

const dateFormat = (timeZone?: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The note to paste into the clinical record. Fields the visit left empty are left out. */
export function formatNote(summary: VisitSummary, options: { timeZone?: string } = {}): string {
  const lines: string[] = ['Telehealth physical therapy visit: therapeutic alliance note'];
  const field = (label: string, value: string) => {
    const text = plainText(value);
    if (text) lines.push(`${label}: ${text}`);
  };
  if (summary.startedAt !== null) {
    const length = summary.durationMs !== null ? `, ${Math.round(summary.durationMs / 60_000)} min` : '';
    // Some ICU versions put a narrow no-break space before AM/PM; records want a plain one.
    const date = dateFormat(options.timeZone).format(summary.startedAt).replace(/\u202f/g, ' ');
    lines.push(`Date: ${date}${length}`);
  }
  field('Patient', [summary.patientName, summary.pronouns && `(${summary.pronouns})`].filter(Boolean).join(' '));
  lines.push('');
  field("Patient's reason for coming (their why)", summary.why);
  field('Expectations for this visit', summary.expectations);
  field('Options discussed', summary.optionsOffered);
  field('Option chosen', summary.optionChosen);
  field('Long-term goal', summary.northStar);
  field('Short-term goals', summary.shortTermGoals);
  if (summary.taught.length > 0) lines.push(`Education: ${summary.taught.join('; ')}`);
  field('Follow-up', summary.followUp);
  field('To ask about next time', summary.askNextTime);
  lines.push('');
  const done = summary.coverage.reduce((sum, section) => sum + section.done, 0);
  const total = summary.coverage.reduce((sum, section) => sum + section.total, 0);
  lines.push(`Alliance practices covered: ${done} of ${total}`);
  for (const section of summary.coverage) {
    const skipped = section.skipped.length > 0 && section.done > 0 ? ` (not done: ${section.skipped.join('; ')})` : '';
    lines.push(`  ${section.title}: ${section.done} of ${section.total}${skipped}`);
  }
  const { talk } = summary;
  if (talk.patientMs + talk.therapistMs > 0) {
    const share = talk.therapistShare === null ? '' : `, therapist share ${Math.round(talk.therapistShare * 100)}%`;
    const how = { none: '', hand: ' (tracked by hand)', audio: ' (measured from call audio)', audioAndHand: ' (measured from call audio, partly by hand)' };
    lines.push(`Talk time: patient ${formatClock(talk.patientMs)}, therapist ${formatClock(talk.therapistMs)}${share}${how[talk.measured]}`);
  }
  if (talk.openingMs !== null) lines.push(`Opening statement: ${formatClock(talk.openingMs)} before the therapist took the floor`);
  const { listening } = summary;
  if (listening) {
    lines.push(`Interruptions: ${listening.interruptions}; brief acknowledgements while the patient spoke: ${listening.backchannels}`);
    if (listening.medianResponsePauseMs !== null) lines.push(`Typical pause before the therapist answered: ${seconds(listening.medianResponsePauseMs)}`);
    lines.push(`Longest patient turn: ${formatClock(listening.longestPatientTurnMs)}; longest therapist turn: ${formatClock(listening.longestTherapistTurnMs)}`);
    if (listening.shareBySection.length > 0) {
      lines.push(`Therapist talk share by part of the visit: ${listening.shareBySection.map((part) => `${part.title} ${Math.round(part.therapistShare * 100)}%`).join('; ')}`);
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
