import { describe, expect, it } from 'vitest';
import { emptyNotes, newVisit, type Patient, type Visit } from '@/utils/model';
import { defaultProtocol } from '@/utils/protocol';
import { formatNote, plainText, summarizeVisit } from '@/utils/visit-note';

const T0 = Date.UTC(2026, 10, 21, 15, 0, 0);
const timeZone = 'UTC';

function patient(notes: Partial<Patient['notes']> = {}): Patient {
  return { id: 'p1', createdAt: T0, updatedAt: T0, notes: { ...emptyNotes(), preferredName: 'Sam', ...notes } };
}

function visit(changes: Partial<Visit> = {}): Visit {
  return { ...newVisit('v1', 'meet:abc-defg-hij', 'p1', T0), startedAt: T0, endedAt: T0 + 32 * 60_000, ...changes };
}

describe('summarizeVisit', () => {
  it('summarizes an empty visit without a patient: nothing covered, no talk', () => {
    const summary = summarizeVisit(newVisit('v', 'meet:abc-defg-hij', null, T0), undefined);
    expect(summary.durationMs).toBeNull();
    expect(summary.patientName).toBe('');
    expect(summary.coverage.every((section) => section.done === 0)).toBe(true);
    expect(summary.talk).toEqual({ patientMs: 0, therapistMs: 0, therapistShare: null, openingMs: null, measured: 'none' });
    expect(summary.listening).toBeNull();
    expect(summary.taught).toEqual([]);
  });

  it('counts coverage per section and names what was skipped', () => {
    const summary = summarizeVisit(visit({ checked: { 'greet-by-name': T0, 'uncover-why': T0 + 1000 } }), patient());
    expect(summary.coverage[0]).toEqual({
      title: 'Beginning and the why',
      done: 2,
      total: 5,
      skipped: ['Show you read their intake', 'Ask what they hope to get from today', 'Let them tell their story without interrupting'],
    });
    expect(summary.coverage).toHaveLength(defaultProtocol.length);
  });

  it('takes talk times at the end of the visit, not now', () => {
    const talk: Visit['talk'] = {
      segments: [
        { speaker: 'patient', start: T0, end: T0 + 90_000, source: 'manual' },
        { speaker: 'therapist', start: T0 + 90_000, end: null, source: 'manual' },
      ],
      opening: { startedAt: T0, endedAt: T0 + 90_000 },
    };
    const summary = summarizeVisit(visit({ talk, endedAt: T0 + 120_000 }), patient());
    expect(summary.talk).toEqual({ patientMs: 90_000, therapistMs: 30_000, therapistShare: 0.25, openingMs: 90_000, measured: 'hand' });
    // Button presses cannot tell overlaps or pauses: no listening figures from them.
    expect(summary.listening).toBeNull();
  });

  it('adds what call audio tells: interruptions, backchannels, pauses, turns and share per part of the visit', () => {
    const s = 1000;
    const talk: Visit['talk'] = {
      segments: [
        { speaker: 'patient', start: T0 + 2 * s, end: T0 + 40 * s, source: 'auto' },
        { speaker: 'therapist', start: T0 + 20 * s, end: T0 + 20.5 * s, source: 'auto' },
        { speaker: 'therapist', start: T0 + 41.2 * s, end: T0 + 50 * s, source: 'auto' },
        { speaker: 'patient', start: T0 + 51 * s, end: T0 + 60 * s, source: 'auto' },
        { speaker: 'therapist', start: T0 + 55 * s, end: T0 + 90 * s, source: 'auto' },
      ],
      opening: { startedAt: T0, endedAt: T0 + 41.2 * s },
    };
    const checked = { 'uncover-why': T0 + s, 'pain-education': T0 + 50 * s };
    const summary = summarizeVisit(visit({ talk, checked, endedAt: T0 + 100 * s }), patient());
    expect(summary.talk.measured).toBe('audio');
    // From the patient's first words (2 s) until the therapist took the floor (41.2 s); the "mm-hm" at 20 s does not end it.
    expect(summary.talk.openingMs).toBe(39_200);
    expect(summary.listening).toMatchObject({ interruptions: 1, backchannels: 1, medianResponsePauseMs: 1200, longestPatientTurnMs: 38_000 });
    const education = defaultProtocol.find((section) => section.items.some((item) => item.id === 'pain-education'))!.title;
    expect(summary.listening!.shareBySection.map((part) => part.title)).toEqual(['Beginning and the why', education]);
    expect(summary.listening!.shareBySection[1]!.therapistShare).toBeCloseTo(35 / 44, 2);
    const note = formatNote(summary, { timeZone });
    expect(note).toContain('(measured from call audio)');
    expect(note).toContain('Interruptions: 1; brief acknowledgements while the patient spoke: 1');
    expect(note).toContain('Typical pause before the therapist answered: 1.2 s');
    expect(note).toMatch(/Therapist talk share by part of the visit: Beginning and the why \d+%; .+ 80%/);
  });

  it('lists what was taught from the ticked education items', () => {
    const summary = summarizeVisit(visit({ checked: { 'pain-education': T0, 'plain-findings': T0 } }), patient());
    expect(summary.taught).toEqual(['pain neuroscience education', 'findings explained in plain language']);
  });
});

describe('formatNote', () => {
  it('writes a full visit as plain text, one field a line, in a stable order', () => {
    const note = formatNote(
      summarizeVisit(
        visit({
          checked: { 'uncover-why': T0, 'pain-education': T0 },
          followUp: 'in two weeks',
          talk: { segments: [{ speaker: 'patient', start: T0, end: T0 + 92_000, source: 'manual' }], opening: { startedAt: T0, endedAt: T0 + 92_000 } },
        }),
        patient({ pronouns: 'he/him', why: 'Walk to school with the grandkids', northStar: 'Stand 30 minutes', askNextTime: 'the golf game' }),
      ),
      { timeZone },
    );
    expect(note).toBe(
      [
        'Telehealth physical therapy visit: therapeutic alliance note',
        'Date: Nov 21, 2026, 3:00 PM, 32 min',
        'Patient: Sam (he/him)',
        '',
        "Patient's reason for coming (their why): Walk to school with the grandkids",
        'Long-term goal: Stand 30 minutes',
        'Education: pain neuroscience education',
        'Follow-up: in two weeks',
        'To ask about next time: the golf game',
        '',
        'Alliance practices covered: 2 of 23',
        '  Beginning and the why: 1 of 5 (not done: Greet them by their preferred name; Show you read their intake; Ask what they hope to get from today; Let them tell their story without interrupting)',
        '  Their perspective: 0 of 5',
        '  Empathy: 0 of 3',
        '  Shared decision: 1 of 4 (not done: Explain findings in plain, reassuring words; Offer options with their benefits and costs; Ask which option they prefer)',
        '  Goals: 0 of 3',
        '  Closing: 0 of 3',
        'Talk time: patient 1:32, therapist 0:00, therapist share 0% (tracked by hand)',
        'Opening statement: 1:32 before the therapist took the floor',
        '',
      ].join('\n'),
    );
  });

  it('leaves out what the visit did not record, and never prints an empty field', () => {
    const note = formatNote(summarizeVisit(newVisit('v', 'meet:abc-defg-hij', null, T0), undefined), { timeZone });
    expect(note).not.toMatch(/: *$/m);
    expect(note).not.toContain('Date:');
    expect(note).not.toContain('Talk time');
    expect(note).toContain('Alliance practices covered: 0 of 23');
  });

  it('keeps a very long visit readable: long answers stay whole, no blank-line runs', () => {
    const long = 'Wants to garden again. '.repeat(80).trim();
    const segments = Array.from({ length: 2000 }, (_, i) => ({
      speaker: i % 2 === 0 ? ('patient' as const) : ('therapist' as const),
      start: T0 + i * 1000,
      end: T0 + i * 1000 + 900,
      source: 'manual' as const,
    }));
    const note = formatNote(summarizeVisit(visit({ endedAt: T0 + 3 * 3600_000, talk: { segments, opening: { startedAt: null, endedAt: null } } }), patient({ why: long })), { timeZone });
    expect(note).toContain(`(their why): ${long}`);
    expect(note).toContain('Date: Nov 21, 2026, 3:00 PM, 180 min');
    expect(note).toContain('Talk time: patient 15:00, therapist 15:00, therapist share 50%');
    expect(note).not.toMatch(/\n{3,}/);
  });
});

describe('plainText: patient text as an EHR takes it', () => {
  it.each([
    ['emoji and their joiners', 'Golf ⛳ with grandkids 👨‍👩‍👧 🇵🇹', 'Golf with grandkids'],
    ['control characters', 'Back\u0000 pain\u0007 at night', 'Back pain at night'],
    ['tabs and runs of spaces', 'Stand\t\t10   minutes', 'Stand 10 minutes'],
    ['Windows line breaks, indented as part of the field', 'First line\r\nsecond line\r\n\r\n', 'First line\n  second line'],
    ['markup-looking text, kept as typed', '<b>better</b> & "stronger"', '<b>better</b> & "stronger"'],
    ['accents and other scripts', 'Olá, tudo bem? ¿Qué tal? 你好', 'Olá, tudo bem? ¿Qué tal? 你好'],
  ])('%s', (_case, input, expected) => {
    expect(plainText(input)).toBe(expected);
  });
});
