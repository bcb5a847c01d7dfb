import { createRequire } from 'node:module';
import type { Alias } from 'vite';
import { defineConfig } from 'wxt';
import { callSiteMatches } from './utils/sites';

const require = createRequire(import.meta.url);

/**
 * The extension pages' Content Security Policy (panel, side panel, options page, service worker):
 * only the extension's own scripts, styles and images; no network connection of any kind (`connect-src
 * 'none'`), no plugins, no <base>, no form posts; and only the call sites (the same origins as the
 * content script's matches) or the extension itself may frame its pages. Styles set from script
 * (Preact's `style={{...}}`) go through the CSSOM, which `style-src` does not restrict.
 */
const extensionPagesCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${[...new Set(callSiteMatches.map((match) => match.replace(/\/\*$/, '')))].join(' ')} 'self'`,
  "connect-src 'none'",
].join('; ');

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: every module says where its names come from.
  imports: false,
  manifest: {
    name: 'Rapport',
    description: 'A calm alliance checklist, talk-time clock and patient notes for telehealth physical therapy visits.',
    permissions: ['storage', 'sidePanel', 'activeTab', 'tabCapture', 'offscreen'],
    web_accessible_resources: [{ resources: ['panel.html'], matches: callSiteMatches }],
    action: { default_title: 'Rapport: on a call, listen for talk time (press again to stop); elsewhere, open the side panel' },
    content_security_policy: { extension_pages: extensionPagesCsp },
    commands: {
      'patient-talking': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Patient is talking (press again for silence)' },
      'therapist-talking': { suggested_key: { default: 'Alt+Shift+T' }, description: 'I am talking (press again for silence)' },
      listen: { suggested_key: { default: 'Alt+Shift+L' }, description: 'Listen to this call for talk time (press again to stop)' },
      'toggle-panel': { suggested_key: { default: 'Alt+Shift+R' }, description: 'Show or hide the Rapport panel on the call tab' },
    },
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
  hooks: {
    // The content script runs on every call page, so it stays small: it makes three promise-based
    // calls that Chrome MV3 and Firefox both provide natively, and skips the 10 kB polyfill that
    // the extension's own pages use.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      const native: Alias = { find: /^wxt\/browser$/, replacement: require.resolve('wxt/browser') };
      const aliases = config.resolve?.alias;
      const existing: Alias[] = Array.isArray(aliases)
        ? aliases
        : Object.entries(aliases ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [native, ...existing] };
    },
  },
});
