import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { classifySender, createHandlers } from '@/utils/background-handlers';
import type { FieldConflict } from '@/utils/field-edits';
import type { PanelToBackground, Reply } from '@/utils/messages';
import type { Patient, PatientNoteField, Visit } from '@/utils/model';
import { visitKey } from '@/utils/storage';

type Sender = Parameters<typeof classifySender>[0];

const T0 = 1_700_000_000_000;
let handlers: ReturnType<typeof createHandlers>;

function resetBackground() {
  fakeBrowser.reset();
  let ids = 0;
  const now = () => T0;
  handlers = createHandlers(createBackgroundStore({ now }), { now, newId: () => `id-${++ids}` });
}

beforeEach(resetBackground);
afterEach(() => {
  vi.restoreAllMocks();
});

function fromPanel(message: PanelToBackground): Promise<Reply> {
  return handlers.handleMessage(message, panelSender());
}

function panelSender(): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: { id: 7 }, frameId: 1 };
}

async function valueOf<T>(pending: Promise<Reply>): Promise<T> {
  const reply = await pending;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

/** A visit with a patient, as the panel makes them: their ids. */
async function visitWithPatient(): Promise<{ visitId: string; patientId: string }> {
  const visitId = await valueOf<string>(fromPanel({ type: 'visit/open', meetingKey: 'meet:abc-defg-hij' }));
  const patientId = await valueOf<string>(fromPanel({ type: 'patient/create', visitId, preferredName: 'Dana' }));
  return { visitId, patientId };
}

async function storedNotes(patientId: string): Promise<Patient['notes']> {
  const { patients } = (await fakeBrowser.storage.local.get('patients')) as { patients: Record<string, Patient> };
  return patients[patientId]!.notes;
}

async function snapshot() {
  return structuredClone({ local: await fakeBrowser.storage.local.get(), session: await fakeBrowser.storage.session.get() });
}

function editNote(patientId: string, field: PatientNoteField, value: string, base: string): Promise<FieldConflict[]> {
  return valueOf<FieldConflict[]>(fromPanel({ type: 'patient/updateNotes', patientId, notes: { [field]: { value, base } } }));
}

describe('patient/updateNotes with the value each edit started from', () => {
  it('applies an edit typed over the stored value, and refuses one typed over a value changed since, naming both', async () => {
    const { patientId } = await visitWithPatient();
    expect(await editNote(patientId, 'why', 'Walk the dog', '')).toEqual([]);
    expect(await editNote(patientId, 'why', 'Cook dinner', '')).toEqual([{ field: 'why', stored: 'Walk the dog', yours: 'Cook dinner' }]);
    expect((await storedNotes(patientId)).why).toBe('Walk the dog');
    // "Keep mine": the same text again, over the value now stored.
    expect(await editNote(patientId, 'why', 'Cook dinner', 'Walk the dog')).toEqual([]);
    expect((await storedNotes(patientId)).why).toBe('Cook dinner');
  });

  it('takes an edit whose value is already stored (a save sent twice) without a conflict', async () => {
    const { patientId } = await visitWithPatient();
    expect(await editNote(patientId, 'why', 'Walk the dog', '')).toEqual([]);
    expect(await editNote(patientId, 'why', 'Walk the dog', '')).toEqual([]);
  });

  it('applies the fields that did not change elsewhere and reports the one that did', async () => {
    const { patientId } = await visitWithPatient();
    await editNote(patientId, 'why', 'Walk the dog', '');
    const conflicts = await valueOf<FieldConflict[]>(
      fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'Cook', base: '' }, hobbies: { value: 'Chess', base: '' } } }),
    );
    expect(conflicts).toEqual([{ field: 'why', stored: 'Walk the dog', yours: 'Cook' }]);
    expect(await storedNotes(patientId)).toMatchObject({ why: 'Walk the dog', hobbies: 'Chess' });
  });

  it('refuses a note sent without the value it started from', async () => {
    const { patientId } = await visitWithPatient();
    const before = await snapshot();
    const reply = await handlers.handleMessage({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'x' } } }, panelSender());
    expect(reply.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe('visit/setFollowUp with the value it started from', () => {
  it('keeps a follow-up changed elsewhere and reports the conflict', async () => {
    const { visitId } = await visitWithPatient();
    const setFollowUp = (value: string, base: string) => valueOf<FieldConflict[]>(fromPanel({ type: 'visit/setFollowUp', visitId, followUp: { value, base } }));
    const followUp = async () => ((await fakeBrowser.storage.local.get(visitKey(visitId)))[visitKey(visitId)] as Visit).followUp;
    expect(await setFollowUp('in two weeks', '')).toEqual([]);
    expect(await setFollowUp('next Monday', '')).toEqual([{ field: 'followUp', stored: 'in two weeks', yours: 'next Monday' }]);
    expect(await followUp()).toBe('in two weeks');
    expect(await setFollowUp('next Monday', 'in two weeks')).toEqual([]);
    expect(await followUp()).toBe('next Monday');
  });
});

/** One step of a writer (a panel): type a new value into a field, or catch up with what is stored (a storage change event). */
type Step = { writer: number; kind: 'edit'; field: number; onConflict: 'keepMine' | 'useTheirs' } | { writer: number; kind: 'catchUp' };

const contested: PatientNoteField[] = ['why', 'askNextTime'];

const stepArbitrary = (writers: number, fields: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      writer: fc.nat(writers - 1),
      kind: fc.constant('edit' as const),
      field: fc.nat(fields - 1),
      onConflict: fc.constantFrom('keepMine' as const, 'useTheirs' as const),
    }),
    fc.record({ writer: fc.nat(writers - 1), kind: fc.constant('catchUp' as const) }),
  );

/** Steps sent in rounds: in each round the writers' messages are in flight together, as from panels in separate tabs. */
const roundsArbitrary = (writers: number, fields: number) => fc.array(fc.array(stepArbitrary(writers, fields), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

interface Write {
  field: PatientNoteField;
  value: string;
  base: string;
  conflict: FieldConflict | null;
}

/**
 * Runs the rounds against the real background store and records every write and every value each
 * field took in storage, in order (from storage change events).
 */
async function runWriters(writerCount: number, fields: PatientNoteField[], rounds: Step[][]) {
  resetBackground();
  const { patientId } = await visitWithPatient();
  const history = new Map<PatientNoteField, string[]>(fields.map((field) => [field, ['']]));
  fakeBrowser.storage.local.onChanged.addListener((changes) => {
    const patients = changes.patients?.newValue as Record<string, Patient> | undefined;
    const notes = patients?.[patientId]?.notes;
    if (!notes) return;
    for (const field of fields) {
      const values = history.get(field)!;
      if (values.at(-1) !== notes[field]) values.push(notes[field]);
    }
  });
  const seen = Array.from({ length: writerCount }, () => new Map<PatientNoteField, string>(fields.map((field) => [field, ''])));
  const writes: Write[] = [];
  let next = 0;

  async function write(writer: number, field: PatientNoteField, value: string, base: string, onConflict: 'keepMine' | 'useTheirs'): Promise<void> {
    const [conflict = null] = await editNote(patientId, field, value, base);
    writes.push({ field, value, base, conflict });
    if (!conflict) seen[writer]!.set(field, value);
    else if (onConflict === 'useTheirs') seen[writer]!.set(field, conflict.stored);
    else await write(writer, field, value, conflict.stored, 'useTheirs');
  }

  async function run(step: Step): Promise<void> {
    if (step.kind === 'catchUp') {
      const notes = await storedNotes(patientId);
      for (const field of fields) seen[step.writer]!.set(field, notes[field]);
      return;
    }
    const field = fields[step.field]!;
    await write(step.writer, field, `w${step.writer}-${next++}`, seen[step.writer]!.get(field)!, step.onConflict);
  }

  // Writers run side by side; each one's own saves go one after another, as a panel's field sends them.
  for (const round of rounds) {
    await Promise.all(
      seen.map(async (_, writer) => {
        for (const step of round.filter((each) => each.writer === writer)) await run(step);
      }),
    );
  }
  return { writes, history, final: await storedNotes(patientId) };
}

describe('edits from several panels at once (property)', () => {
  it('loses no acknowledged write to the same field, and reports every refused one as a conflict', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 4 }).chain((writers) => fc.tuple(fc.constant(writers), roundsArbitrary(writers, contested.length))),
        async ([writerCount, rounds]) => {
          const { writes, history, final } = await runWriters(writerCount, contested, rounds);
          for (const field of contested) {
            const fieldWrites = writes.filter((write) => write.field === field);
            const applied = fieldWrites.filter((write) => !write.conflict);
            // Each value every write carries is new, so a value names its write.
            const appliedByValue = new Map(applied.map((write) => [write.value, write]));
            // The stored field changed only through acknowledged writes, each typed over the value it replaced.
            const values = history.get(field)!;
            for (let i = 1; i < values.length; i++) {
              const write = appliedByValue.get(values[i]!);
              expect(write, `stored ${field} = ${values[i]} without an acknowledged write`).toBeDefined();
              expect(write!.base).toBe(values[i - 1]);
            }
            // Every acknowledged write is the final value, or a later acknowledged write was typed over it.
            for (const write of applied) {
              expect(values).toContain(write.value);
              const overwrittenKnowingly = applied.some((other) => other.base === write.value && other.value !== write.value);
              expect(final[field] === write.value || overwrittenKnowingly, `${field} lost ${write.value}`).toBe(true);
            }
            // A refused write was reported, naming the field, what was stored and what was sent, and
            // was not stored (unless the same text was sent again with "Keep mine" and taken then).
            for (const write of fieldWrites.filter((each) => each.conflict)) {
              expect(write.conflict).toMatchObject({ field, yours: write.value });
              expect(write.conflict!.stored).not.toBe(write.base);
              if (!appliedByValue.has(write.value)) expect(values).not.toContain(write.value);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('lands every edit when each writer edits its own field', async () => {
    const ownFields: PatientNoteField[] = ['why', 'askNextTime', 'hobbies', 'expectations'];
    await fc.assert(
      fc.asyncProperty(roundsArbitrary(4, 1), async (rounds) => {
        // Writer n edits only field n.
        const steps = rounds.map((round) => round.map((step) => (step.kind === 'edit' ? { ...step, field: step.writer } : step)));
        const { writes, final } = await runWriters(4, ownFields, steps);
        expect(writes.every((write) => write.conflict === null)).toBe(true);
        for (const field of ownFields) {
          const last = writes.filter((write) => write.field === field).at(-1);
          expect(final[field]).toBe(last?.value ?? '');
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('a service worker stopped mid-write', () => {
  it('writes every collection a change touches in one storage call per area', async () => {
    const { visitId } = await visitWithPatient();
    const local = vi.spyOn(fakeBrowser.storage.local, 'set');
    const session = vi.spyOn(fakeBrowser.storage.session, 'set');
    await valueOf(fromPanel({ type: 'patient/create', visitId, preferredName: 'Sam' }));
    expect(session).not.toHaveBeenCalled();
    expect(local).toHaveBeenCalledTimes(1);
    expect(Object.keys(local.mock.calls[0]![0])).toEqual(
      expect.arrayContaining(['patients', 'meetings', visitKey(visitId), 'visitIndex', 'patientDirectory']),
    );
  });

  it('leaves exactly the old state when the storage call never completes', async () => {
    const { visitId, patientId } = await visitWithPatient();
    await editNote(patientId, 'why', 'Walk the dog', '');
    const before = await snapshot();
    // The worker dies before the browser takes the write: every attempt fails without storing anything.
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('Service worker stopped'));
    const replies = await Promise.all([
      fromPanel({ type: 'patient/create', visitId, preferredName: 'Sam' }),
      fromPanel({ type: 'patient/updateNotes', patientId, notes: { why: { value: 'Cook dinner', base: 'Walk the dog' } } }),
      fromPanel({ type: 'checklist/tick', visitId, itemId: 'recap', checked: true, at: T0 }),
    ]);
    expect(replies.map((reply) => reply.ok)).toEqual([false, false, false]);
    expect(await snapshot()).toEqual(before);
  });
});
