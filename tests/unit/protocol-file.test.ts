import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { Reply } from '@/utils/messages';
import { checkProtocolFile, makeProtocolFile, parseProtocolFile, PROTOCOL_FORMAT } from '@/utils/protocol-file';
import { evidenceProtocol, type Protocol } from '@/utils/protocols';
import { copyProtocol, editProtocol } from '@/utils/protocol-edits';
import { readCollection } from '@/utils/storage';

const followUp = (): Protocol => editProtocol.renameItem(copyProtocol(evidenceProtocol, 'follow-up', 'Follow-up', 1), 'journey', 'How has it been since last time?');
const fileText = (value: unknown) => JSON.stringify(value);

function problemOf(text: string): string {
  const parsed = parseProtocolFile(text);
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('protocol files', () => {
  it('export then import gives back the same checklist and phrases (the id is the importer’s to give)', () => {
    const file = makeProtocolFile(followUp());
    expect(file).toMatchObject({ format: PROTOCOL_FORMAT, version: 1 });
    const parsed = parseProtocolFile(fileText(file));
    expect(parsed).toEqual({ ok: true, content: { name: 'Follow-up', sections: followUp().sections, phrases: followUp().phrases } });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"format": "rapport-protocol", "version": 1, "protocol": {', /^This file is not a Rapport protocol: it cannot be read as JSON/],
    ['another file', fileText({ hello: 'world' }), /^This file is not a Rapport protocol\.$/],
    ['a list', fileText([1, 2]), /^This file is not a Rapport protocol\.$/],
    ['a backup', fileText({ format: 'rapport-backup', version: 1 }), /It is a Rapport backup: restore it under “Backup” instead\.$/],
    ['a newer version', fileText({ ...makeProtocolFile(followUp()), version: 2 }), /newer version of Rapport \(format 2\)\. Update Rapport to import it\.$/],
    ['no version', fileText({ ...makeProtocolFile(followUp()), version: undefined }), /^This protocol file has no version Rapport knows\.$/],
    ['no protocol', fileText({ format: PROTOCOL_FORMAT, version: 1 }), /^This protocol has a problem\. .+ Nothing was imported\.$/],
    [
      'a bad field',
      fileText(makeProtocolFile({ ...followUp(), sections: [{ id: 's', title: 'S', source: '', items: [{ id: 'i', text: 7 as unknown as string }] }] })),
      /^This protocol has a problem\. Section 1 \(S\), practice 1: the practice text must be text\. Nothing was imported\.$/,
    ],
    ['too long a text', fileText(makeProtocolFile(editProtocol.renameItem(followUp(), 'recap', 'x'.repeat(201)))), /Section 6 \(Closing\), practice 1: the practice text is longer than 200 characters\. Nothing was imported\.$/],
    [
      'too many practices',
      fileText(makeProtocolFile({ ...followUp(), sections: [{ id: 's', title: 'S', source: '', items: Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, text: 'x' })) }] })),
      /Section 1 \(S\): there are more than 30 practices in one section\. Nothing was imported\.$/,
    ],
    ['too large a file', ' '.repeat(1_000_001), /^This file is too large to be a Rapport protocol\.$/],
  ])('names the first problem plainly: %s', (_what, text, problem) => {
    expect(problemOf(text)).toMatch(problem);
  });
});

describe('importing through the background', () => {
  let handlers: ReturnType<typeof createHandlers>;
  let ids = 0;
  const sender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
  const send = (message: unknown): Promise<Reply> => handlers.handleMessage(message, sender());

  beforeEach(() => {
    fakeBrowser.reset();
    ids = 0;
    handlers = createHandlers(createBackgroundStore({ now: () => 5 }), { now: () => 5, newId: () => `p${++ids}` });
  });

  it('imports a file as a new protocol, never over one already here', async () => {
    expect(await send({ type: 'protocol/save', protocol: followUp() })).toEqual({ ok: true, value: undefined });
    const file = makeProtocolFile(followUp());
    expect(await send({ type: 'protocol/import', file })).toEqual({ ok: true, value: { id: 'p1', name: 'Follow-up (2)' } });
    expect(await send({ type: 'protocol/import', file })).toEqual({ ok: true, value: { id: 'p2', name: 'Follow-up (3)' } });
    const stored = (await readCollection('protocols')).entries;
    expect(Object.keys(stored).sort()).toEqual(['follow-up', 'p1', 'p2']);
    expect(stored['follow-up']).toEqual({ ...followUp(), updatedAt: 5 });
    expect(stored.p1!.sections).toEqual(followUp().sections);
  });

  it('survives malformed files: no crash, no import, no protocol removed (fuzzed)', async () => {
    await send({ type: 'protocol/save', protocol: followUp() });
    const before = structuredClone(await fakeBrowser.storage.local.get());
    const good = makeProtocolFile(followUp());
    // Valid files spoiled at a random place, and arbitrary JSON values.
    const spoiled = fc
      .tuple(fc.constantFrom('format', 'version', 'protocol', 'name', 'sections', 'items', 'text', 'id', 'captures', 'phrases'), fc.anything())
      .map(([key, value]) => {
        const file = structuredClone(good) as unknown as { protocol: Protocol };
        if (key in file) (file as unknown as Record<string, unknown>)[key] = value;
        else if (key === 'name') (file.protocol as unknown as Record<string, unknown>).name = value;
        else if (key === 'sections' || key === 'phrases') (file.protocol as unknown as Record<string, unknown>)[key] = value;
        else if (key === 'items') (file.protocol.sections[0] as unknown as Record<string, unknown>).items = value;
        else (file.protocol.sections[0]!.items[0] as unknown as Record<string, unknown>)[key] = value;
        return file;
      })
      .filter((file) => !checkProtocolFile(file).ok);
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(spoiled, fc.anything().filter((value) => !checkProtocolFile(value).ok)), async (file) => {
        tried++;
        const reply = await send({ type: 'protocol/import', file });
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.error).toMatch(/^This (file|protocol)/);
        expect(await fakeBrowser.storage.local.get()).toEqual(before);
      }),
      { numRuns: 200 },
    );
    expect(tried).toBeGreaterThanOrEqual(200);
  });

  it('refuses a malformed protocol on save, naming the problem, and stores nothing', async () => {
    const reply = await send({ type: 'protocol/save', protocol: editProtocol.renameSection(followUp(), 'goals', '') });
    expect(reply).toEqual({ ok: false, error: 'The protocol was not saved. Section 5: the section title is empty.' });
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });
});
