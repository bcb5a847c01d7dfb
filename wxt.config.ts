import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Alias, InlineConfig, Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { callSiteMatches, sites } from './utils/sites';
import { extensionCommands } from './utils/shortcuts';
import { builtInCallScript, isCallScript } from './utils/call-script';

const require = createRequire(import.meta.url);

/**
 * The extension pages' Content Security Policy (panel, side panel, options page, service worker):
 * only the extension's own scripts, styles and images; no network connection of any kind (`connect-src
 * 'none'`), no plugins, no <base>, no form posts; and only call pages or the extension itself may
 * frame its pages. In Chrome a call page may be any HTTPS site the therapist adds (unknown when this
 * is built), so `frame-ancestors` allows `https:` there and the panel checks who frames it
 * (utils/frame-check.ts); Firefox, without "add a site", keeps the built-in sites' origins. Styles set
 * from script (Preact's `style={{...}}`) go through the CSSOM, which `style-src` does not restrict.
 */
const builtInOrigins = [...new Set(callSiteMatches.map((match) => match.replace(/\/\*$/, '')))].join(' ');
const extensionPagesCsp = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors} 'self'`,
    "connect-src 'none'",
  ].join('; ');

const chromeManifest = {
  // The panel's colours are light-dark() pairs (Chrome 123); older browsers are not offered Rapport.
  minimum_chrome_version: '123',
  permissions: ['storage', 'sidePanel', 'activeTab', 'tabCapture', 'offscreen', 'idle', 'scripting'],
  // A clinic's presets (protocols, default protocol, cue settings) as enterprise policy: docs/managed-policy.md.
  storage: { managed_schema: 'managed_schema.json' },
  // "Add a site" (options page): asked for one origin at a time, when the therapist adds it.
  optional_host_permissions: ['https://*/*'],
  action: { default_title: '__MSG_extension_actionTitle__' },
};

/**
 * Firefox has no side panel, offscreen documents or tab capture, so those permissions are left out
 * (the code already does without them: the panel in the call page and the talk buttons work, talk
 * time is by hand). The side panel page is its sidebar (`sidebar_action`, which WXT writes from the
 * `sidepanel` entrypoint). It needs an add-on id, and says that Rapport collects no data.
 */
const FIREFOX_ADDON_ID = 'rapport@example.org';
const firefoxManifest = {
  permissions: ['storage', 'activeTab', 'idle'],
  action: { default_title: '__MSG_extension_name__' },
  browser_specific_settings: {
    gecko: { id: FIREFOX_ADDON_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  },
};

/** Where `wxt/browser` comes from in this build, ahead of the polyfill module's own alias. */
function browserFrom(config: InlineConfig, replacement: string) {
  const aliases = config.resolve?.alias;
  const existing: Alias[] = Array.isArray(aliases)
    ? aliases
    : Object.entries(aliases ?? {}).map(([find, target]) => ({ find, replacement: String(target) }));
  config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement }, ...existing] };
}

/**
 * V8's explicit compile hint (Chrome 136; other engines read a comment): compile the whole call script
 * as it loads. Nearly all of it runs at load, and compiling each function when first called parses it
 * twice (pre-parse, then in full). It goes in after minification, which would drop it. README, "Decisions".
 */
const compileAllFunctionsAtLoad: Plugin = {
  name: 'rapport:compile-all-functions-at-load',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
  },
};

export default defineConfig({
  // All UI text is in locales/en.yml (README, "How it is built"); the module writes _locales and typed keys.
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports only: every module says where its names come from.
  imports: false,
  // Firefox gets Manifest V3 too (WXT's default there is V2): the same background, CSP and
  // web-accessible panel; see `firefoxManifest` for what differs.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    ...(browser === 'firefox' ? firefoxManifest : chromeManifest),
    // The call tab's scripts, one per site (utils/call-script.ts): scripts of their own rather than WXT
    // content scripts, whose start-up context class would be a fifth of the 12 kB budget and run on every call page.
    content_scripts: sites.map((site) => ({ matches: site.matches, js: [builtInCallScript(site.id)], run_at: 'document_idle' })),
    web_accessible_resources: [
      { resources: ['panel.html'], matches: callSiteMatches },
      // Sites the therapist adds: reachable only at this session's random address (use_dynamic_url),
      // which the content script puts in the frame it adds, so no page can tell Rapport is installed.
      ...(browser === 'firefox' ? [] : [{ resources: ['panel.html'], matches: ['https://*/*'], use_dynamic_url: true }]),
    ],
    content_security_policy: { extension_pages: extensionPagesCsp(browser === 'firefox' ? builtInOrigins : 'https:') },
    commands: extensionCommands,
  }),
  // The Firefox sources zip (for the add-on reviewers) holds what builds the extension; the tests'
  // fixtures (recorded call audio, certificates) are not part of it.
  zip: { excludeSources: ['tests/**'] },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
  hooks: {
    // The content script runs on every call page, so it stays small: its few `runtime` calls are
    // ones Chrome MV3 and Firefox both provide natively, and it skips the 10 kB polyfill that
    // the extension's own pages use.
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.some((entrypoint) => entrypoint.inputPath.endsWith('.html'))) {
        // The pages' libraries (Preact, signals, valibot, the polyfill, Vite's preload helper, WXT's
        // plugin loader) in one file: one request and one compression dictionary instead of six; every
        // supported browser has <link rel="modulepreload">, so Vite's polyfill for it is left out.
        const vendor = /node_modules|vite[\\/]preload-helper|wxt-html-plugins/;
        config.build = {
          ...config.build,
          modulePreload: { polyfill: false },
          rolldownOptions: { ...config.build?.rolldownOptions, output: { codeSplitting: { groups: [{ name: 'vendor', test: vendor }, { name: 'app', test: /[\\/](utils|components)[\\/]/, minShareCount: 3 }] } } },
        };
        // The polyfill's object handed over as is (utils/page-browser.ts says why).
        browserFrom(config, resolve(import.meta.dirname, 'utils/page-browser.ts'));
        return;
      }
      if (entrypoints.every((entrypoint) => isCallScript(`${entrypoint.name}.js`))) {
        browserFrom(config, require.resolve('wxt/browser'));
        // A line added above the code would put a source map one line off (WXT's dev mode writes one).
        if (!config.build?.sourcemap) config.plugins = [...(config.plugins ?? []), compileAllFunctionsAtLoad];
      }
    },
  },
});
