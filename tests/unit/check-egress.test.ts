import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowList, scanDirectory, scanText, violations } from '../../scripts/check-egress.ts';

/** The rules that fire on a snippet, allowed ones left out. */
const flagged = (source: string, file = 'chunk.js') => violations(scanText(source, file)).map((finding) => finding.rule);
/** The exact texts flagged. */
const flaggedTexts = (source: string, file = 'chunk.js') => violations(scanText(source, file)).map((finding) => finding.text);

describe('the egress scanner: network APIs', () => {
  it.each([
    ['fetch("/api")', 'fetch'],
    ['await fetch (url, { method: "POST" })', 'fetch'],
    ['window.fetch(url)', 'fetch'],
    ['self.fetch(url)', 'fetch'],
    ['const x = new XMLHttpRequest(); x.open("GET", u)', 'xhr'],
    ['new WebSocket(u)', 'websocket'],
    ['new EventSource(u)', 'eventsource'],
    ['navigator.sendBeacon(u, data)', 'beacon'],
    ['new WebTransport(u)', 'webtransport'],
    ['new RTCPeerConnection(config)', 'webrtc'],
    ['importScripts(u)', 'importScripts'],
    ['importScripts("//cdn.example/lib.js")', 'importScripts'],
  ])('flags %s', (source, rule) => {
    expect(flagged(source)).toEqual([rule]);
  });

  it('flags importScripts and new Worker with a URL as both the API and the URL literal', () => {
    expect(flagged('importScripts("https://cdn.example/lib.js")')).toEqual(['importScripts', 'url']);
    expect(flagged("new Worker('https://cdn.example/w.js')")).toEqual(['worker', 'url']);
    expect(flagged('new SharedWorker(`http://cdn.example/w.js`)')).toEqual(['worker', 'url']);
  });

  it('leaves alone what cannot reach the network', () => {
    expect(flagged('link.rel = "prefetch"; prefetch(x); refetch(y)')).toEqual([]);
    expect(flagged('importScripts("chunk.js"); importScripts("/chunks/a.js"); importScripts(`./b.js`)')).toEqual([]);
    expect(flagged("new Worker('/worker.js'); new Worker(new URL('./w.js', import.meta.url))")).toEqual([]);
    expect(flagged('const message = "Open a Google Meet or Zoom meeting"; chrome.runtime.sendMessage(m)')).toEqual([]);
  });

  it('says where a finding is, by line and column', () => {
    const [finding] = violations(scanText('const a = 1;\nconst b = 2; fetch(a)', 'background.js'));
    expect(finding).toMatchObject({ file: 'background.js', line: 2, column: 14, rule: 'fetch', text: 'fetch(' });
    expect(finding?.excerpt).toContain('fetch(a)');
  });
});

describe('the egress scanner: URL literals', () => {
  it.each([
    ['"https://api.example.com/v1/patients"', 'https://api.example.com/v1/patients'],
    ['`http://tracker.example/pixel.gif?id=${id}`', 'http://tracker.example/pixel.gif?id=${id}'],
    ["'wss://socket.example/live'", 'wss://socket.example/live'],
    ['<img src="https://cdn.example/logo.png">', 'https://cdn.example/logo.png'],
    ['background: url(https://fonts.example/font.woff2);', 'https://fonts.example/font.woff2'],
    ['{"homepage_url":"https://rapport.example"}', 'https://rapport.example'],
  ])('flags %s', (source, text) => {
    expect(flaggedTexts(source)).toEqual([text]);
  });

  it('ignores the allow-listed namespace names and call-site match patterns', () => {
    const preact = 'if(x==`svg`)i=`http://www.w3.org/2000/svg`;else if(x==`math`)i=`http://www.w3.org/1998/Math/MathML`;i=`http://www.w3.org/1999/xhtml`';
    expect(flagged(preact)).toEqual([]);
    expect(scanText(preact, 'chunk.js').every((finding) => finding.allowedBy)).toBe(true);
    const sites = 'matches:[`https://meet.google.com/*`],{matches:[`https://zoom.us/*`,`https://*.zoom.us/*`]}';
    expect(flagged(sites)).toEqual([]);
  });

  it('allows a namespace-like or site URL only in its exact form', () => {
    expect(flaggedTexts('i=`http://www.w3.org/2000/svg/../../evil`')).toEqual(['http://www.w3.org/2000/svg/../../evil']);
    expect(flaggedTexts('fetch(`https://meet.google.com/api`)')).toEqual(['fetch(', 'https://meet.google.com/api']);
    expect(flaggedTexts('"https://meet.google.com"')).toEqual(['https://meet.google.com']);
  });

  it('allows the call-site origins only in the manifest CSP frame-ancestors list', () => {
    const manifest = (csp: string) => JSON.stringify({ content_security_policy: { extension_pages: csp } });
    const framing = manifest("default-src 'self'; frame-ancestors https://meet.google.com https://zoom.us https://*.zoom.us 'self'; connect-src 'none'");
    expect(flagged(framing, 'manifest.json')).toEqual([]);
    expect(flagged(framing, 'chunks/panel.js')).toEqual(['url', 'url', 'url']);
    const connecting = manifest("default-src 'self'; connect-src https://meet.google.com; frame-ancestors 'self'");
    expect(flaggedTexts(connecting, 'manifest.json')).toEqual(['https://meet.google.com']);
  });

  it('allows the documentation links only inside WXT’s storage error message', () => {
    const wxt =
      "throw Error(`'wxt/storage' must be loaded in a web extension environment\n\n - If thrown during a build, see https://github.com/wxt-dev/wxt/issues/371\n" +
      " - If thrown during tests, mock 'wxt/browser' correctly. See https://wxt.dev/guide/go-further/testing.html\n`)";
    expect(flagged(wxt)).toEqual([]);
    expect(flaggedTexts('fetch("https://wxt.dev/guide/go-further/testing.html")')).toEqual(['fetch(', 'https://wxt.dev/guide/go-further/testing.html']);
  });
});

describe('the egress scanner: Vite’s module-preload polyfill', () => {
  const polyfill =
    '(function(){let e=document.createElement(`link`).relList;if(e&&e.supports&&e.supports(`modulepreload`))return;' +
    'for(let e of document.querySelectorAll(`link[rel="modulepreload"]`))n(e);new MutationObserver(e=>{for(let t of e)if(t.type===`childList`)' +
    'for(let e of t.addedNodes)e.tagName===`LINK`&&e.rel===`modulepreload`&&n(e)}).observe(document,{childList:!0,subtree:!0});' +
    'function t(e){let t={};return e.integrity&&(t.integrity=e.integrity),t}' +
    'function n(e){if(e.ep)return;e.ep=!0;let n=t(e);fetch(e.href,n)}})();';

  it('flags its fetch: the pages are built without it (wxt.config.ts, modulePreload.polyfill), so none may appear', () => {
    expect(flagged(polyfill)).toEqual(['fetch']);
  });
});

describe('the egress scanner: allow-list and folders', () => {
  it('gives a reason for every allow-list entry', () => {
    for (const entry of allowList) expect(entry.why.length, String(entry.text)).toBeGreaterThan(20);
  });

  it('reads every text file of a folder, skips binary ones, and reports the findings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-egress-'));
    try {
      await mkdir(join(dir, 'chunks'));
      await writeFile(join(dir, 'panel.html'), '<link rel="stylesheet" href="/assets/panel.css">');
      await writeFile(join(dir, 'assets.css'), '.x { background: url(https://cdn.example/x.png) }');
      await writeFile(join(dir, 'chunks', 'panel.js'), 'navigator.sendBeacon("/log", data)');
      await writeFile(join(dir, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x68, 0x74, 0x74, 0x70]));
      const report = await scanDirectory(dir);
      expect(report.scanned).toEqual(['assets.css', 'chunks/panel.js', 'panel.html']);
      expect(report.skipped).toEqual(['icon.png']);
      expect(violations(report.findings).map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['assets.css url', 'chunks/panel.js beacon']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
