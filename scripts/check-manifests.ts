// `npm run check:manifests` (also the last step of `npm run zip` and `npm test`): reads the two
// built manifests, .output/chrome-mv3 and .output/firefox-mv3, and fails when either is not what
// the stores should get: Chrome with its side panel, offscreen audio page and tab capture; Firefox
// without the permissions it does not know, with its add-on id and its sidebar, and the same CSP, content scripts
// and web-accessible panel.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_SCRIPT, isCallScript } from '../utils/call-script.ts';
import { commandNames } from '../utils/shortcuts.ts';

/** The add-on id in wxt.config.ts (Firefox ties storage and updates to it). */
const FIREFOX_ADDON_ID = 'rapport@example.org';

interface Manifest {
  manifest_version: number;
  name: string;
  version: string;
  permissions?: string[];
  host_permissions?: string[];
  background?: { service_worker?: string; scripts?: string[] };
  side_panel?: unknown;
  sidebar_action?: { default_panel?: string; open_at_install?: boolean };
  content_security_policy?: { extension_pages?: string };
  content_scripts?: { matches: string[]; js: string[] }[];
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
  optional_host_permissions?: string[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
  commands?: Record<string, unknown>;
}

/** What is wrong with one manifest, as sentences; empty when it is as expected. */
export function manifestProblems(browser: 'chrome' | 'firefox', manifest: Manifest): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  const permissions = [...(manifest.permissions ?? [])].sort();
  check(manifest.manifest_version === 3, `manifest_version is ${manifest.manifest_version}, not 3`);
  check(manifest.name === '__MSG_extension_name__', `name is ${manifest.name}, not the catalogue's extension name`);
  check(!manifest.host_permissions?.length, `host_permissions asked for: ${manifest.host_permissions}`);
  check(/connect-src 'none'/.test(manifest.content_security_policy?.extension_pages ?? ''), 'the extension pages CSP lacks connect-src none');
  // One call script per built-in site (utils/call-script.ts), each listed once, alone.
  const callScripts = (manifest.content_scripts ?? []).map((script) => script.js.join());
  check(callScripts.length > 0 && callScripts.every((js) => isCallScript(js) && js !== CALL_SCRIPT) && new Set(callScripts).size === callScripts.length, `content scripts are ${callScripts.join(', ')}, not one call-<site>.js per site`);
  check(manifest.web_accessible_resources?.[0]?.resources.join() === 'panel.html', 'panel.html is not the one web-accessible resource');
  check(Object.keys(manifest.commands ?? {}).join() === commandNames.join(), `keyboard commands are not ${commandNames.join(', ')}`);
  // Chrome accepts at most four suggested keys.
  check(Object.values(manifest.commands ?? {}).filter((command) => typeof command === 'object' && command !== null && 'suggested_key' in command).length <= 4, 'more than four commands with suggested keys');
  if (browser === 'chrome') {
    const expected = ['activeTab', 'idle', 'offscreen', 'scripting', 'sidePanel', 'storage', 'tabCapture'];
    check(permissions.join() === expected.join(), `permissions are ${permissions.join()}, expected ${expected.join()}`);
    check(manifest.background?.service_worker === 'background.js', 'background is not the background.js service worker');
    check(!!manifest.side_panel, 'no side_panel');
    check(!manifest.browser_specific_settings, 'browser_specific_settings in the Chrome manifest');
    // "Add a site": host access only as asked for, and the panel for any page only at the random address.
    check(manifest.optional_host_permissions?.join() === 'https://*/*', `optional_host_permissions are ${manifest.optional_host_permissions}, expected https://*/*`);
    const anyPage = manifest.web_accessible_resources?.filter((entry) => entry.matches.includes('https://*/*')) ?? [];
    check(anyPage.length === 1 && anyPage[0]!.use_dynamic_url === true, 'panel.html is web-accessible to any HTTPS page at its fixed address');
  } else {
    const expected = ['activeTab', 'idle', 'storage'];
    check(permissions.join() === expected.join(), `permissions are ${permissions.join()}, expected ${expected.join()}`);
    check(manifest.background?.scripts?.join() === 'background.js', 'background is not the background.js script');
    check(!manifest.side_panel, 'a Chrome side_panel in the Firefox manifest');
    check(manifest.sidebar_action?.default_panel === 'sidepanel.html' && manifest.sidebar_action.open_at_install === false, 'the sidebar is not the side panel page, closed at install');
    check(manifest.browser_specific_settings?.gecko?.id === FIREFOX_ADDON_ID, `gecko.id is not ${FIREFOX_ADDON_ID}`);
    check(manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required?.join() === 'none', 'data_collection_permissions does not say none');
  }
  return problems;
}

export async function checkManifests(outputDir = resolve(import.meta.dirname, '../.output')): Promise<number> {
  let failed = 0;
  for (const browser of ['chrome', 'firefox'] as const) {
    const path = resolve(outputDir, `${browser}-mv3/manifest.json`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    } catch (error) {
      console.error(`${browser}: cannot read ${path} (${(error as Error).message}); build it first.`);
      failed++;
      continue;
    }
    const problems = manifestProblems(browser, manifest);
    if (problems.length) failed++;
    console.log(problems.length ? `${browser}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}` : `${browser}: manifest ${manifest.version} as expected`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await checkManifests());
