import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { i18n } from '#i18n';
import { englishMessages, parsedCatalogue } from '../support/catalogue';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every source file that may show text: the UI, the utils, the entrypoints and the manifest's config. */
async function sources(): Promise<{ path: string; text: string }[]> {
  const files = ['wxt.config.ts'];
  for (const dir of ['components', 'utils', 'entrypoints']) {
    const entries = await readdir(join(root, dir), { recursive: true });
    files.push(...entries.filter((entry) => /\.tsx?$/.test(entry)).map((entry) => join(dir, entry)));
  }
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(join(root, path), 'utf8') })));
}

/** The keys in `i18n.t('key', ...)` calls, with the call's arguments after the key as written. */
function translateCalls(text: string): { key: string; rest: string }[] {
  return [...text.matchAll(/i18n\.t\(\s*'([^']+)'\s*(?:,([^)]*))?\)/g)].map((match) => ({ key: match[1]!, rest: match[2] ?? '' }));
}

/** The highest $n a message uses (0 when it has no values). */
const substitutionCount = (message: string) => Math.max(0, ...[...message.matchAll(/\$([1-9])/g)].map((match) => Number(match[1])));

describe('the English catalogue (locales/en.yml)', () => {
  it('has every key the code uses, and the code uses every key it has', async () => {
    const catalogue = await parsedCatalogue();
    const keys = new Set(catalogue.map((message) => message.key.join('.')));
    const files = await sources();
    const used = new Set<string>();
    for (const { path, text } of files) {
      for (const { key } of translateCalls(text)) {
        expect(keys, `${path} uses ${key}`).toContain(key);
        used.add(key);
      }
      // Keys named outside a call (a table of keys, the manifest's __MSG_id__) still count as used.
      for (const key of keys) if (text.includes(`'${key}'`) || text.includes(`__MSG_${key.replaceAll('.', '_')}__`)) used.add(key);
    }
    expect([...keys].filter((key) => !used.has(key))).toEqual([]);
  });

  it('numbers its values $1…$n without gaps, the same in every plural form', async () => {
    for (const message of await parsedCatalogue()) {
      const texts = message.type === 'plural' ? Object.values(message.plurals) : [message.message];
      const count = message.substitutions;
      for (const text of texts) {
        const numbers = new Set([...text.matchAll(/\$([1-9])/g)].map((match) => Number(match[1])));
        const expected = Array.from({ length: count }, (_, index) => index + 1).filter((n) => message.type !== 'plural' || numbers.has(n));
        expect([...numbers].sort(), `${message.key.join('.')}: ${text}`).toEqual(expected);
        // The plural separator is only for plural forms.
        expect(text, message.key.join('.')).not.toContain(' | ');
        // Chrome reads $…$ as a named placeholder ("$2$3" names "2"), and refuses to load the extension when it is not defined.
        expect(text, message.key.join('.')).not.toMatch(/\$\w+\$/);
      }
      if (message.type !== 'plural') expect(substitutionCount(message.message), message.key.join('.')).toBe(count);
    }
  });

  it('is called with as many values as each message has', async () => {
    const catalogue = new Map((await parsedCatalogue()).map((message) => [message.key.join('.'), message]));
    for (const { path, text } of await sources()) {
      for (const { key, rest } of translateCalls(text)) {
        const message = catalogue.get(key)!;
        // Plural calls (a count first) and values that are not one plain array literal are left to the typed keys.
        const values = /^\s*\[([^()[\]{}]*)\]\s*$/.exec(rest);
        if (message.type === 'plural' || !values) continue;
        const given = values[1]!.trim() ? values[1]!.split(',').length : 0;
        expect(given, `${path}: ${key}`).toBe(message.substitutions);
      }
    }
  });

  it('turns into the browser’s messages with the manifest’s texts', async () => {
    const messages = await englishMessages();
    expect(messages['extension_name']?.message).toBe('Rapport');
    expect(fakeBrowser.i18n.getMessage('extension_name')).toBe('Rapport');
    expect(i18n.t('command.listen')).toBe('Listen to this call for talk time (press again to stop)');
  });
});
