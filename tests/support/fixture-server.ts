import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Host names the fixture server answers for; Chromium maps them to it with --host-resolver-rules. */
export const fixtureHosts = [
  'meet.google.com',
  'zoom.us',
  'app.zoom.us',
  'us02web.zoom.us',
  'clinic.zoom.us',
  'teams.microsoft.com',
  'teams.live.com',
  'doxy.me',
  'whereby.com',
  'clinic.whereby.com',
  // A telehealth platform Rapport does not know, for "add a site".
  'telehealth.example.org',
] as const;

/** As strict as the real sites: no inline script, Trusted Types required, no framing of the page. */
export const fixtureCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.wav': 'audio/wav' };

function shell(script: string, title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/__fixture/call.css"></head>
<body><div id="app"></div><script type="module" src="/__fixture/${script}"></script></body></html>`;
}

/** Each fixture host's look-alike page: one script that behaves like that site at every path. */
const pages: [hosts: RegExp, script: string, title: string][] = [
  [/^meet\.google\.com$/, 'meet.js', 'Google Meet'],
  [/(^|\.)zoom\.us$/, 'zoom.js', 'Zoom'],
  [/^teams\.(microsoft|live)\.com$/, 'teams.js', 'Microsoft Teams'],
  [/^doxy\.me$/, 'doxy.js', 'Doxy.me'],
  [/(^|\.)whereby\.com$/, 'whereby.js', 'Whereby'],
  [/^telehealth\.example\.org$/, 'telehealth.js', 'Clinic telehealth'],
];

export interface FixtureServer {
  port: number;
  /** Every request the server saw, as host + path: tests can check nothing unexpected was asked. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves the look-alike call pages (Meet, Zoom, Teams, Doxy.me, Whereby, a clinic's own platform) over HTTPS, at the real host names. */
export async function startFixtureServer(port = 0): Promise<FixtureServer> {
  const [key, cert] = await Promise.all([readFile(join(fixtures, 'certs/key.pem')), readFile(join(fixtures, 'certs/cert.pem'))]);
  const requests: string[] = [];
  const server: Server = createServer({ key, cert }, async (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', `https://${host}`);
    requests.push(`${host}${url.pathname}`);
    const headers = { 'content-security-policy': fixtureCsp, 'cache-control': 'no-store' };
    if (url.pathname.startsWith('/__fixture/')) {
      const name = url.pathname.slice('/__fixture/'.length);
      const audio = /^audio\/[a-z0-9-]+\/patient\.wav$/.test(name);
      if (!audio && !/^[a-z-]+\.(js|css)$/.test(name)) return void response.writeHead(404).end();
      try {
        const body = await readFile(audio ? join(fixtures, name) : join(fixtures, 'pages', name));
        response.writeHead(200, { ...headers, 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'text/plain' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    const site = pages.find(([hosts]) => hosts.test(host));
    const page = site && shell(site[1], site[2]);
    if (!page) return void response.writeHead(421).end('unknown host');
    response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
