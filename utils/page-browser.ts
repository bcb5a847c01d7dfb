import type { browser as wxtBrowser } from 'wxt/browser';

/**
 * `browser` for the extension's own pages (wxt.config.ts points `wxt/browser` here when it builds
 * them): webextension-polyfill's object, taken with `require` so the bundler hands it over as is.
 * Imported as an ES default, the bundler's CommonJS interop copies each of its properties at start,
 * and reading them all makes the browser set up every extension API (windows, tabs, action...)
 * that the page may never use: milliseconds before each page's first paint.
 */
declare const require: (id: 'webextension-polyfill') => typeof wxtBrowser;

export const browser = require('webextension-polyfill');
