import { describe, expect, it } from 'vitest';
import { signal } from '@preact/signals';
import { defaultProtocol } from '@/utils/protocol';
import { checkProtocol, evidenceProtocol, findProtocol, listProtocols, outlineOf, practiceCount, protocolLimits, type Protocol } from '@/utils/protocols';
import { copyProtocol, editProtocol, freeName } from '@/utils/protocol-edits';
import { createProtocolState } from '@/utils/protocol-state';
import { noPolicy } from '@/utils/managed-policy';
import { newVisit, type Visit } from '@/utils/model';
import { summarizeVisit } from '@/utils/visit-note';
import type { CollectionRead } from '@/utils/storage';
import { indexEntry, visitHistory } from '@/utils/history';

const mine = (): Protocol => copyProtocol(evidenceProtocol, 'follow-up', 'Follow-up', 1);
const itemIds = (protocol: Protocol) => protocol.sections.flatMap((section) => section.items.map((item) => item.id));
const item = (protocol: Protocol, id: string) => protocol.sections.flatMap((section) => section.items).find((candidate) => candidate.id === id);

function problemOf(protocol: unknown): string {
  const checked = checkProtocol(protocol);
  if (checked.ok) throw new Error('expected a problem');
  return checked.problem;
}

describe('editing a protocol', () => {
  it('keeps every item id through renames and reorders, so ticks and answers keep their meaning', () => {
    let protocol = mine();
    const before = new Set(itemIds(protocol));
    protocol = editProtocol.renameItem(protocol, 'uncover-why', 'What matters most to them?');
    protocol = editProtocol.moveItem(protocol, 'uncover-why', -1);
    protocol = editProtocol.moveSection(protocol, 'goals', -2);
    protocol = editProtocol.renameSection(protocol, 'goals', 'Their goals');
    expect(new Set(itemIds(protocol))).toEqual(before);
    expect(item(protocol, 'uncover-why')).toEqual({ id: 'uncover-why', text: 'What matters most to them?', captures: 'why' });
    expect(protocol.sections.map((section) => section.id)).toEqual(['beginning', 'perspective', 'goals', 'empathy', 'shared-decision', 'closing']);
    expect(protocol.sections[0]!.items.map((entry) => entry.id).slice(0, 3)).toEqual(['greet-by-name', 'uncover-why', 'show-prepared']);
    expect(checkProtocol(protocol).ok).toBe(true);
  });

  it('moves a practice across into the neighbouring section at either end, never out of the protocol', () => {
    let protocol = mine();
    protocol = editProtocol.moveItem(protocol, 'greet-by-name', -1);
    expect(protocol.sections[0]!.items[0]!.id).toBe('greet-by-name');
    protocol = editProtocol.moveItem(protocol, 'let-them-tell', 1);
    expect(protocol.sections[1]!.items[0]!.id).toBe('let-them-tell');
    expect(protocol.sections[0]!.items.map((entry) => entry.id)).not.toContain('let-them-tell');
    protocol = editProtocol.moveItem(protocol, 'let-them-tell', -1);
    expect(protocol.sections[0]!.items.at(-1)!.id).toBe('let-them-tell');
  });

  it('adds and removes sections and practices with new ids, leaving the protocol it was given unchanged', () => {
    const original = mine();
    const copy = structuredClone(original);
    let protocol = editProtocol.addSection(original, 'discharge', 'home-plan');
    protocol = editProtocol.addItem(protocol, 'discharge', 'flare-plan');
    protocol = editProtocol.renameItem(protocol, 'home-plan', 'Agree on the home programme');
    protocol = editProtocol.removeItem(protocol, 'journey');
    protocol = editProtocol.removeSection(protocol, 'empathy');
    expect(original).toEqual(copy);
    expect(protocol.sections.at(-1)).toEqual({
      id: 'discharge',
      title: 'New section',
      source: '',
      items: [
        { id: 'home-plan', text: 'Agree on the home programme' },
        { id: 'flare-plan', text: 'New practice' },
      ],
    });
    expect(itemIds(protocol)).not.toContain('journey');
    expect(itemIds(protocol)).not.toContain('name-emotion');
  });

  it('gives each note field to one practice: choosing it for another takes it from the first', () => {
    let protocol = editProtocol.setCaptures(mine(), 'impact', 'why');
    expect(item(protocol, 'impact')!.captures).toBe('why');
    expect(item(protocol, 'uncover-why')!.captures).toBeUndefined();
    protocol = editProtocol.setCaptures(protocol, 'impact', undefined);
    expect(item(protocol, 'impact')).toEqual({ id: 'impact', text: 'Ask how it affects daily life and what they value' });
    expect(checkProtocol(protocol).ok).toBe(true);
  });

  it('edits the phrase bank: groups and one phrase a line', () => {
    let protocol = editProtocol.addPhraseGroup(mine(), 'discharge-words');
    protocol = editProtocol.renamePhraseGroup(protocol, 'discharge-words', 'Discharge');
    protocol = editProtocol.setPhrases(protocol, 'discharge-words', 'What will you keep doing?\n\n  You did the work.  \n');
    protocol = editProtocol.removePhraseGroup(protocol, 'reflections');
    expect(protocol.phrases.map((group) => group.title)).toEqual(['Empathy statements', 'Open questions', 'Discharge']);
    expect(protocol.phrases.at(-1)!.phrases).toEqual(['What will you keep doing?', 'You did the work.']);
  });

  it('resets to the evidence-based default with its sources, keeping the protocol’s id and name', () => {
    const edited = editProtocol.removeSection(editProtocol.renameSection(mine(), 'beginning', 'Start'), 'goals');
    const reset = editProtocol.reset(edited);
    expect(reset.id).toBe('follow-up');
    expect(reset.name).toBe('Follow-up');
    expect(reset.sections).toEqual(defaultProtocol);
    expect(reset.sections.every((section) => section.source.length > 0)).toBe(true);
  });
});

describe('checking a protocol whole', () => {
  it('accepts the evidence-based default', () => {
    expect(checkProtocol(evidenceProtocol)).toEqual({ ok: true, protocol: evidenceProtocol });
  });

  it('trims what was typed', () => {
    const checked = checkProtocol(editProtocol.rename(editProtocol.renameItem(mine(), 'recap', '  Recap  '), ' Follow-up '));
    expect(checked.ok && item(checked.protocol, 'recap')!.text).toBe('Recap');
    expect(checked.ok && checked.protocol.name).toBe('Follow-up');
  });

  it.each<[string, (protocol: Protocol) => unknown, RegExp]>([
    ['an empty practice', (p) => editProtocol.renameItem(p, 'journey', '   '), /^Section 2 \(Their perspective\), practice 1: the practice text is empty\.$/],
    ['too long a practice', (p) => editProtocol.renameItem(p, 'journey', 'x'.repeat(protocolLimits.text + 1)), /^Section 2 \(Their perspective\), practice 1: the practice text is longer than 200 characters\.$/],
    ['an empty name', (p) => editProtocol.rename(p, ''), /^The protocol name is empty\.$/],
    ['an empty section title', (p) => editProtocol.renameSection(p, 'goals', ''), /^Section 5: the section title is empty\.$/],
    ['a section left without practices', (p) => ({ ...p, sections: [{ ...p.sections[0]!, items: [] }] }), /^Section 1 \(Beginning and the why\): a section has no practices\.$/],
    ['no sections', (p) => ({ ...p, sections: [] }), /^The protocol has no sections\.$/],
    ['too many practices in one section', (p) => ({ ...p, sections: [{ ...p.sections[0]!, items: Array.from({ length: 31 }, (_, i) => ({ id: `i${i}`, text: 'x' })) }] }), /more than 30 practices in one section/],
    [
      'too many practices in all',
      (p) => ({ ...p, sections: Array.from({ length: 5 }, (_, s) => ({ id: `s${s}`, title: 'S', source: '', items: Array.from({ length: 21 }, (_, i) => ({ id: `s${s}i${i}`, text: 'x' })) })) }),
      /^There are more than 100 practices in all\.$/,
    ],
    ['two practices with one id', (p) => editProtocol.addItem(p, 'goals', 'journey'), /^Two practices share one id\.$/],
    ['two practices saving to one note field', (p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map((i) => (i.id === 'journey' ? { ...i, captures: 'why' as const } : i)) })) }), /^Two practices save their answer to the same note field\.$/],
    ['a note field Rapport does not have', (p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map((i) => (i.id === 'journey' ? { ...i, captures: 'pronouns' } : i)) })) }), /note field Rapport does not have/],
    ['an empty phrase', (p) => ({ ...p, phrases: [{ ...p.phrases[0]!, phrases: [''] }] }), /^Phrase group 1 \(Empathy statements\), phrase 1: a phrase is empty\.$/],
    ['a bad id', (p) => editProtocol.addItem(p, 'goals', '__proto__ x'), /practice id may hold only/],
  ])('names %s plainly', (_what, spoil, problem) => {
    expect(problemOf(spoil(mine()))).toMatch(problem);
  });
});

describe('the protocols to choose from', () => {
  const clinic: Protocol = { ...mine(), id: 'clinic.discharge', name: 'Discharge' };
  it('lists the shipped default (or the therapist’s edit of it), their own by name, then the clinic’s', () => {
    const edited = editProtocol.rename(evidenceProtocol, 'My default');
    const list = listProtocols({ zeta: { ...mine(), id: 'zeta', name: 'Zeta' }, 'follow-up': mine(), default: edited }, [clinic]);
    expect(list.map(({ protocol, origin }) => [protocol.name, origin])).toEqual([
      ['My default', 'own'],
      ['Follow-up', 'own'],
      ['Zeta', 'own'],
      ['Discharge', 'clinic'],
    ]);
    expect(listProtocols({}, [])[0]).toEqual({ protocol: evidenceProtocol, origin: 'builtIn' });
  });

  it('reads a visit without a protocol id, or with one removed since, as the default', () => {
    const list = listProtocols({ 'follow-up': mine() }, []);
    expect(findProtocol(list, undefined)).toBe(evidenceProtocol);
    expect(findProtocol(list, 'removed')).toBe(evidenceProtocol);
    expect(findProtocol(list, 'follow-up').name).toBe('Follow-up');
  });

  it('finds a name not yet taken', () => {
    expect(freeName('Follow-up', ['Other'])).toBe('Follow-up');
    expect(freeName('Follow-up', ['Follow-up', 'Follow-up (2)'])).toBe('Follow-up (3)');
  });
});

describe('a visit and its protocol', () => {
  const ended = (protocol: Protocol, checked: string[]): Visit => ({
    ...newVisit('v1', 'meet:abc-defg-hij', null, 0),
    startedAt: 0,
    endedAt: 600_000,
    protocolId: protocol.id,
    checked: Object.fromEntries(checked.map((id, i) => [id, i * 1000])),
    protocolUsed: outlineOf(protocol),
  });

  it('a running panel follows edits to its visit’s protocol as they are stored', () => {
    const protocols = signal<CollectionRead<Protocol>>({ entries: { 'follow-up': mine() }, unreadable: [], problem: null });
    const visit = signal<Visit | undefined>({ ...newVisit('v1', 'meet:abc-defg-hij', null, 0), protocolId: 'follow-up' });
    const state = createProtocolState({ protocols, settings: signal({ entries: {}, unreadable: [], problem: null }), policy: signal({ policy: noPolicy, problem: null }), visit, send: async <T,>() => ({ ok: true, value: null as T }) });
    expect(state.sections.value[0]!.items[0]!.text).toBe('Greet them by their preferred name');
    protocols.value = { ...protocols.value, entries: { 'follow-up': editProtocol.renameItem(mine(), 'greet-by-name', 'Welcome them back') } };
    expect(state.sections.value[0]!.items[0]!.text).toBe('Welcome them back');
    // Once ended, the visit shows the checklist it kept, whatever happens to the protocol later.
    visit.value = ended(mine(), ['greet-by-name']);
    protocols.value = { ...protocols.value, entries: {} };
    expect(state.sections.value[0]!.items[0]!.text).toBe('Greet them by their preferred name');
  });

  it('a visit that ended on the shipped default (no outline kept) reads as it, even after the default is edited', () => {
    const edited = editProtocol.removeSection(editProtocol.rename(evidenceProtocol, 'Mine'), 'beginning');
    const protocols = signal<CollectionRead<Protocol>>({ entries: { default: edited }, unreadable: [], problem: null });
    const old: Visit = { ...newVisit('v0', 'meet:abc-defg-hij', null, 0), startedAt: 0, endedAt: 1 };
    const state = createProtocolState({ protocols, settings: signal({ entries: {}, unreadable: [], problem: null }), policy: signal({ policy: noPolicy, problem: null }), visit: signal(old), send: async <T,>() => ({ ok: true, value: null as T }) });
    expect(state.sections.value).toBe(evidenceProtocol.sections);
    expect(state.ofVisit.value.name).toBe('Mine');
  });

  it('a finished visit’s note and history read the same after practices are removed from its protocol', () => {
    const visit = ended(mine(), ['greet-by-name', 'journey']);
    const before = summarizeVisit(visit, undefined, visit.protocolUsed!.sections);
    const later = editProtocol.removeSection(mine(), 'perspective');
    expect(summarizeVisit(visit, undefined, visit.protocolUsed!.sections)).toEqual(before);
    expect(before.coverage.find((section) => section.title === 'Their perspective')!.done).toBe(1);
    expect(later.sections.some((section) => section.id === 'perspective')).toBe(false);
  });

  it('counts coverage against the visit’s own checklist; old index lines count against the default', () => {
    const short = { ...mine(), sections: [mine().sections[0]!] };
    const line = indexEntry(ended(short, ['greet-by-name', 'show-prepared', 'gone-item']));
    expect(line).toMatchObject({ practicesDone: 2, practicesTotal: 5 });
    expect(visitHistory([{ ...line, patientId: 'p' }], 'p')[0]!.coverage).toBe(2 / 5);
    const { practicesTotal: _dropped, ...old } = line;
    expect(visitHistory([{ ...old, patientId: 'p' }], 'p')[0]!.coverage).toBe(2 / practiceCount(defaultProtocol));
  });
});
