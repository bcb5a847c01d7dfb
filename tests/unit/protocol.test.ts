import { describe, expect, it } from 'vitest';
import { patientNoteFields, type PatientNoteField } from '@/utils/model';
import { defaultProtocol, openingMarks, phraseBank } from '@/utils/protocol';

const items = defaultProtocol.flatMap((section) => section.items);

describe('the default protocol', () => {
  it('has six sections in visit order', () => {
    expect(defaultProtocol.map((section) => section.id)).toEqual(['beginning', 'perspective', 'empathy', 'shared-decision', 'goals', 'closing']);
  });

  it('begins with the why', () => {
    expect(defaultProtocol[0]?.title).toMatch(/\bwhy\b/i);
    expect(defaultProtocol[0]?.items.some((item) => item.captures === 'why')).toBe(true);
  });

  it('gives every section a title, at least one item and a named source', () => {
    for (const section of defaultProtocol) {
      expect(section.title.trim(), section.id).not.toBe('');
      expect(section.items.length, section.id).toBeGreaterThan(0);
      expect(section.source.trim().length, section.id).toBeGreaterThan(0);
    }
  });

  it('has unique item ids across all sections', () => {
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has unique section ids', () => {
    const ids = defaultProtocol.map((section) => section.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has no empty item text', () => {
    for (const item of items) expect(item.text.trim(), item.id).not.toBe('');
  });

  it('asks for the patient’s why in at least one item', () => {
    expect(items.some((item) => /\bwhy\b/i.test(item.text))).toBe(true);
  });

  it('saves captured answers only to real patient note fields', () => {
    for (const item of items) {
      if (item.captures !== undefined) expect(patientNoteFields, item.id).toContain(item.captures);
    }
  });

  it('has an item capturing each answer the spec lists', () => {
    const captured = new Set(items.map((item) => item.captures));
    const required: PatientNoteField[] = ['why', 'expectations', 'optionsOffered', 'optionChosen', 'northStar', 'shortTermGoals', 'askNextTime'];
    for (const field of required) expect(captured, field).toContain(field);
  });

  it('captures each note field from at most one item, so answers do not overwrite each other', () => {
    const captures = items.flatMap((item) => (item.captures ? [item.captures] : []));
    expect(new Set(captures).size).toBe(captures.length);
  });
});

describe('opening-statement marks', () => {
  it('are 18 s, 90 s and 150 s', () => {
    expect(openingMarks).toEqual({ typicalInterruptionMs: 18_000, mostFinishedFromMs: 90_000, mostFinishedByMs: 150_000 });
  });

  it('are in increasing order', () => {
    expect(openingMarks.typicalInterruptionMs).toBeLessThan(openingMarks.mostFinishedFromMs);
    expect(openingMarks.mostFinishedFromMs).toBeLessThan(openingMarks.mostFinishedByMs);
  });
});

describe('phrase bank', () => {
  const group = (id: string) => phraseBank.find((g) => g.id === id);

  it('has empathy statements, open questions and reflections', () => {
    for (const id of ['empathy', 'open-questions', 'reflections']) {
      expect(group(id)?.phrases.length, id).toBeGreaterThan(0);
      expect(group(id)?.title.trim(), id).not.toBe('');
    }
  });

  it('has no empty or repeated phrases', () => {
    const phrases = phraseBank.flatMap((g) => g.phrases);
    for (const phrase of phrases) expect(phrase.trim()).not.toBe('');
    expect(new Set(phrases).size).toBe(phrases.length);
  });
});

describe('the self-check', () => {
  it('has three to five items in Rapport’s own words, covering goals, tasks and bond', async () => {
    const { selfCheckItems, selfCheckScale } = await import('@/utils/protocol');
    expect(selfCheckItems.length).toBeGreaterThanOrEqual(3);
    expect(selfCheckItems.length).toBeLessThanOrEqual(5);
    expect(new Set(selfCheckItems.map((item) => item.part))).toEqual(new Set(['goals', 'tasks', 'bond']));
    expect(new Set(selfCheckItems.map((item) => item.id)).size).toBe(selfCheckItems.length);
    expect(selfCheckScale).toMatchObject({ min: 1, max: 5 });
  });
});
