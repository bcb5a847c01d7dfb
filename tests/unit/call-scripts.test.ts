import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigEnv } from 'wxt';
import { builtInCallScript } from '@/utils/call-script';
import { callSiteMatches, sites } from '@/utils/sites';
import config from '../../wxt.config';

const root = resolve(import.meta.dirname, '../..');

describe('one call script per built-in site (utils/call-script.ts)', () => {
  it.each(sites.map((site) => [site.id]))('%s: its entry watches the call page with its own site data', async (id) => {
    const entry = await readFile(resolve(root, `entrypoints/call-${id}.ts`), 'utf8');
    expect(entry).toContain(`from '@/utils/sites/${id}'`);
    expect(entry).toContain(`watchCallPage(${id})`);
  });

  it("the manifest lists each site's script for that site's pages alone", async () => {
    const env: ConfigEnv = { browser: 'chrome', manifestVersion: 3, mode: 'production', command: 'build' };
    const manifest = await (typeof config.manifest === 'function' ? config.manifest(env) : config.manifest);
    const scripts = manifest?.content_scripts ?? [];
    expect(scripts.find((script) => script.js?.includes('call-meet.js'))?.matches).toEqual(['https://meet.google.com/*']);
    expect(scripts.find((script) => script.js?.includes('call-zoom.js'))?.matches).toEqual(['https://zoom.us/*', 'https://*.zoom.us/*']);
    // Every site has its script, each script one site, and no page gets two.
    expect(scripts.map((script) => script.js).sort()).toEqual(sites.map((site) => [builtInCallScript(site.id)]).sort());
    const patterns = scripts.flatMap((script) => script.matches ?? []);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect([...patterns].sort()).toEqual([...callSiteMatches].sort());
  });
});
