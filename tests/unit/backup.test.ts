import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, checkBackup, describePlan, makeBackup, mergeBackup, parseBackup, type StoredData } from '@/utils/backup';
import { emptyNotes, newVisit, patientNoteFields, type Patient, type Visit } from '@/utils/model';
import { evidenceProtocol } from '@/utils/protocols';

const T0 = Date.UTC(2026, 10, 1);

function patient(id: string, notes: Partial<Patient['notes']> = {}): Patient {
  return { id, createdAt: T0, updatedAt: T0, notes: { ...emptyNotes(), preferredName: id, ...notes } };
}

function visit(id: string, patientId: string | null, changes: Partial<Visit> = {}): Visit {
  return { ...newVisit(id, 'meet:abc-defg-hij', patientId, T0), startedAt: T0, endedAt: T0 + 60_000, ...changes };
}

const data: StoredData = {
  patients: { sam: patient('sam', { why: 'Walk to school with the grandkids' }), rosa: patient('rosa') },
  visits: { v1: visit('v1', 'sam', { checked: { 'greet-by-name': T0 } }), v2: visit('v2', 'rosa') },
  meetings: { 'meet:abc-defg-hij': { patientId: 'sam', openVisitId: null } },
  protocols: { 'follow-up': { ...evidenceProtocol, id: 'follow-up', name: 'Follow-up', updatedAt: T0 } },
};

const empty = (): StoredData => ({ patients: {}, visits: {}, meetings: {}, protocols: {} });

/** Applies a merge's writes the way the background does: record by record, nothing removed. */
function apply(current: StoredData, writes: StoredData): StoredData {
  return {
    patients: { ...current.patients, ...writes.patients },
    visits: { ...current.visits, ...writes.visits },
    meetings: { ...current.meetings, ...writes.meetings },
    protocols: { ...current.protocols, ...writes.protocols },
  };
}

describe('parseBackup: the whole file is checked before anything is imported', () => {
  it('reads a backup it wrote', () => {
    const text = JSON.stringify(makeBackup(data, T0));
    expect(parseBackup(text)).toEqual({ ok: true, backup: makeBackup(data, T0) });
  });

  it.each([
    ['not JSON', 'hello', /cannot be read as JSON/],
    ['cut short', JSON.stringify(makeBackup(data, T0)).slice(0, 120), /cannot be read as JSON \(it may be cut short\)/],
    ['another kind of file', JSON.stringify({ patients: {} }), /not a Rapport backup/],
    ['JSON that is not an object', '[1,2,3]', /not a Rapport backup/],
    ['a newer format', JSON.stringify({ ...makeBackup(data, T0), version: 2 }), /newer version of Rapport \(format 2\)/],
    ['no version', JSON.stringify({ ...makeBackup(data, T0), version: undefined }), /no version Rapport knows/],
  ])('refuses %s, saying so', (_case, text, problem) => {
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('names the first bad field with its path', () => {
    const bad = makeBackup(data, T0) as unknown as { patients: { sam: { notes: { why: unknown } } } };
    bad.patients.sam.notes.why = 42;
    const parsed = checkBackup(bad);
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.problem).toMatch(/^This backup has a problem at patients → sam → notes → why: .+\. Nothing was imported\.$/);
  });

  it('refuses prototype-pollution keys and records filed under another id', () => {
    const polluted = `{"format":"${BACKUP_FORMAT}","version":1,"exportedAt":1,"patients":{"__proto__":${JSON.stringify(patient('x'))}},"visits":{},"meetings":{}}`;
    expect(parseBackup(polluted).ok).toBe(false);
    expect(({} as Record<string, unknown>).notes).toBeUndefined();
    const misfiled = { ...makeBackup(data, T0), patients: { rosa: patient('sam') } };
    expect(checkBackup(misfiled)).toMatchObject({ ok: false, problem: expect.stringMatching(/not its own/) });
  });
});

describe('mergeBackup: adds, fills, never removes or overwrites', () => {
  it('adds everything to an empty computer: export then import is the identity', () => {
    const { writes, plan } = mergeBackup(empty(), makeBackup(data, T0));
    expect(apply(empty(), writes)).toEqual(data);
    expect(plan).toEqual({ patientsAdded: 2, patientsFilled: 0, visitsAdded: 2, visitsKept: 0, meetingsAdded: 1, protocolsAdded: 1 });
  });

  it('changes nothing when the backup is already here', () => {
    expect(mergeBackup(data, makeBackup(data, T0)).writes).toEqual(empty());
  });

  it('fills a patient’s empty notes and keeps the ones written here', () => {
    const here: StoredData = { ...empty(), patients: { sam: patient('sam', { why: 'Here', hobbies: '' }) } };
    const backup = makeBackup({ ...empty(), patients: { sam: patient('sam', { why: 'From the file', hobbies: 'golf' }) } }, T0);
    const { writes, plan } = mergeBackup(here, backup);
    expect(writes.patients.sam?.notes).toMatchObject({ why: 'Here', hobbies: 'golf' });
    expect(plan.patientsFilled).toBe(1);
  });

  it('keeps a visit that differs here as it is, and counts it', () => {
    const here: StoredData = { ...empty(), visits: { v1: visit('v1', 'sam', { followUp: 'edited here' }) } };
    const { writes, plan } = mergeBackup(here, makeBackup(data, T0));
    expect(writes.visits.v1).toBeUndefined();
    expect(plan.visitsKept).toBe(1);
  });

  it('exports one patient with their visits and links only', () => {
    const backup = makeBackup(data, T0, 'sam');
    expect(Object.keys(backup.patients)).toEqual(['sam']);
    expect(Object.keys(backup.visits)).toEqual(['v1']);
    expect(Object.keys(backup.meetings)).toEqual(['meet:abc-defg-hij']);
    expect(backup.protocols).toEqual({});
  });
});

describe('the therapist’s own protocols in a backup', () => {
  const followUp = data.protocols['follow-up']!;

  it('adds a protocol that is not here, and keeps one of the same id here as it is', () => {
    const edited = { ...followUp, name: 'Follow-up, edited here' };
    const { writes, plan } = mergeBackup({ ...empty(), protocols: { 'follow-up': edited } }, makeBackup(data, T0));
    expect(writes.protocols).toEqual({});
    expect(plan.protocolsAdded).toBe(0);
    expect(mergeBackup(empty(), makeBackup(data, T0)).writes.protocols).toEqual({ 'follow-up': followUp });
  });

  it('says so in the plan', () => {
    expect(describePlan(mergeBackup(empty(), makeBackup({ ...empty(), protocols: data.protocols }, T0)).plan)).toBe(
      'This will add 1 protocol. Nothing here is removed or overwritten.',
    );
  });

  it('reads a file saved before backups held protocols', () => {
    const { protocols: _none, ...older } = makeBackup(data, T0);
    const parsed = checkBackup(older);
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok) expect(parsed.backup.protocols).toEqual({});
  });

  it('refuses a broken protocol, naming where, and a clinic protocol, which only a policy sets', () => {
    const broken = { ...makeBackup(data, T0), protocols: { 'follow-up': { ...followUp, sections: 'none' } } };
    expect(checkBackup(broken)).toMatchObject({ ok: false, problem: expect.stringMatching(/^This backup has a problem at protocols → follow-up → sections: /) });
    const clinic = { ...makeBackup(data, T0), protocols: { 'clinic.eval': { ...followUp, id: 'clinic.eval' } } };
    expect(checkBackup(clinic)).toMatchObject({ ok: false, problem: expect.stringMatching(/clinic protocol/) });
    const misfiled = { ...makeBackup(data, T0), protocols: { other: followUp } };
    expect(checkBackup(misfiled)).toMatchObject({ ok: false, problem: expect.stringMatching(/not its own/) });
  });
});

const noteText = fc.string({ maxLength: 40 });
const arbitraryPatient = (id: string) =>
  fc.record(Object.fromEntries(patientNoteFields.map((field) => [field, noteText])) as Record<(typeof patientNoteFields)[number], typeof noteText>).map(
    (notes): Patient => ({ id, createdAt: T0, updatedAt: T0, notes }),
  );
const arbitraryData = fc
  .tuple(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 6 }), fc.uniqueArray(fc.stringMatching(/^v[0-9]{1,4}$/), { maxLength: 8 }))
  .chain(([patientIds, visitIds]) =>
    fc.record({
      patients: fc.tuple(...patientIds.map(arbitraryPatient)).map((list) => Object.fromEntries(list.map((p) => [p.id, p]))),
      visits: fc
        .tuple(...visitIds.map((id) => fc.record({ followUp: noteText, who: fc.constantFrom(null, ...patientIds) }).map(({ followUp, who }) => visit(id, who, { followUp }))))
        .map((list) => Object.fromEntries(list.map((v) => [v.id, v]))),
      meetings: fc.constant({}),
      protocols: fc
        .subarray(['default', 'evaluation', 'discharge'])
        .map((ids) => Object.fromEntries(ids.map((id) => [id, { ...evidenceProtocol, id, name: `Protocol ${id}`, updatedAt: T0 }]))),
    }),
  );

describe('properties (fast-check)', () => {
  it('export then import into an empty computer gives back the same data', () => {
    fc.assert(
      fc.property(arbitraryData, (stored) => {
        const parsed = parseBackup(JSON.stringify(makeBackup(stored, T0)));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(apply(empty(), mergeBackup(empty(), parsed.backup).writes)).toEqual(stored);
      }),
    );
  });

  it('an import never removes a record or loses a note already here', () => {
    fc.assert(
      fc.property(arbitraryData, arbitraryData, (here, file) => {
        const after = apply(here, mergeBackup(here, makeBackup(file, T0)).writes);
        for (const [id, existing] of Object.entries(here.patients)) {
          for (const field of patientNoteFields) if (existing.notes[field]) expect(after.patients[id]?.notes[field]).toBe(existing.notes[field]);
        }
        for (const [id, existing] of Object.entries(here.visits)) expect(after.visits[id]).toEqual(existing);
      }),
    );
  });

  it('reading any JSON at all never throws: a backup, or a plain-words problem', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const parsed = parseBackup(JSON.stringify(json));
        expect(parsed.ok ? true : typeof parsed.problem === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzzing malformed backup files', () => {
  const valid = JSON.stringify(makeBackup(data, T0));
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const variants: string[] = [];
  for (let cut = 0; cut < valid.length; cut += 7) variants.push(valid.slice(0, cut));
  const mutations: [RegExp, string][] = [
    [/"why":"[^"]*"/, '"why":{"$gt":""}'],
    [/"createdAt":\d+/, '"createdAt":"yesterday"'],
    [/"patients":\{/, '"patients":{"__proto__":{"polluted":true},'],
    [/"constructor"?/, '"constructor"'],
    [/"visits":\{/, `"visits":{"huge":{"id":"${'x'.repeat(100_000)}"},`],
    [/"meetings":\{/, `"meetings":{"deep":${deep(5_000)},`],
    [/"checked":\{/, '"checked":{"greet-by-name":null,'],
    [/"version":1/, '"version":"1"'],
    [/"format":"[^"]*"/, '"format":null'],
  ];
  for (const [pattern, replacement] of mutations) variants.push(valid.replace(pattern, replacement));
  variants.push(deep(100_000), '"'.repeat(10_000), '{'.repeat(10_000), '\u0000'.repeat(100), JSON.stringify('x'.repeat(1_000_000)));

  it(`survives ${variants.length} malformed files: no crash, no import, nothing removed`, () => {
    let crashes = 0;
    for (const text of variants) {
      try {
        const parsed = parseBackup(text);
        if (parsed.ok) {
          const { writes } = mergeBackup(data, parsed.backup);
          expect(apply(data, writes).patients).toMatchObject(data.patients);
        }
      } catch {
        crashes++;
      }
    }
    console.info(`backup fuzz: ${variants.length} malformed files tried, ${crashes} crashes`);
    expect(crashes).toBe(0);
  });
});
