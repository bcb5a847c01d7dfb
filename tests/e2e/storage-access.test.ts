import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInCallScript, CALL_SCRIPT, isCallScript } from '../../utils/call-script';
import { sites } from '../../utils/sites';
import { extensionDir } from '../support/chromium.ts';
import { contentScriptWorld } from './content-script-world.ts';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

/** What a storage call made from the content script's world came to: its value, or the error it met. */
type Outcome = { ok: true; value: string } | { ok: false; error: string };
const attempt = (call: string) =>
  `Promise.resolve().then(() => ${call}).then((value) => ({ ok: true, value: JSON.stringify(value ?? null) }), (error) => ({ ok: false, error: String(error?.message ?? error) }))`;

describe('who can read stored data', () => {
  it('the content script on the call page can neither read nor write extension storage; the extension’s own pages can', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    // There is patient data to read.
    await addPatient(panel, 'Robin');
    await expectPage(panel.getByRole('heading', { name: 'Robin' })).toBeVisible();

    const world = await contentScriptWorld(rapport, page);
    try {
      // This is Rapport's content script world (the extension API is there), not the page's.
      expect(await world.evaluate('chrome.runtime.id')).toBe(rapport.extensionId);
      expect(await world.evaluate('typeof document.querySelector(\'iframe[title="Rapport"]\')')).toBe('object');

      const refused = { ok: false, error: expect.stringMatching(/not allowed/) };
      expect(await world.evaluate<Outcome>(attempt('chrome.storage.local.get(null)'))).toEqual(refused);
      expect(await world.evaluate<Outcome>(attempt("chrome.storage.local.get('patients')"))).toEqual(refused);
      expect(await world.evaluate<Outcome>(attempt("chrome.storage.local.set({ planted: 'by the call page' })"))).toEqual(refused);
      expect(await world.evaluate<Outcome>(attempt('chrome.storage.session.get(null)'))).toEqual(refused);
      expect(await world.evaluate<Outcome>(attempt('chrome.storage.local.getBytesInUse(null)'))).toEqual(refused);
    } finally {
      await world.close();
    }

    // The extension's pages still read it, and nothing was planted.
    const stored = await rapport.storage.get();
    expect(JSON.stringify(stored.patients)).toContain('Robin');
    expect(stored).not.toHaveProperty('planted');
    await page.close();
  });

  it('the built content scripts have no storage call at all: they ask the background instead; each opens with V8’s compile hint', async () => {
    const names = (await readdir(extensionDir)).filter(isCallScript).sort();
    expect(names).toEqual([CALL_SCRIPT, ...sites.map((site) => builtInCallScript(site.id))].sort());
    for (const name of names) {
      const script = await readFile(join(extensionDir, name), 'utf8');
      expect(script, name).not.toMatch(/\bstorage\b/);
      expect(script, name).toMatch(/\bruntime\.sendMessage\b/);
      // V8 compiles the whole script as it loads (wxt.config.ts, compileAllFunctionsAtLoad): the hint must come first.
      expect(script.startsWith('//# allFunctionsCalledOnLoad\n'), name).toBe(true);
    }
  });
});
