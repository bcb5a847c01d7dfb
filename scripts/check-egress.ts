// `npm run check:egress`: reads every file of the built extension (.output/chrome-mv3) and fails when
// one of them could talk to the network: a network API (fetch, XMLHttpRequest, WebSocket, …) or a
// URL literal (http://, https://, ws://, wss://, ftp://). Known harmless literals in the built code
// are listed below, each with the reason it is harmless; anything else is a finding and exits 1.
// The run-time counterpart is tests/e2e/egress.test.ts, which watches what actually leaves.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Rule {
  id: string;
  what: string;
  pattern: RegExp;
}

/** What counts as a way out. Patterns are global; each match is one finding unless allowed. */
export const rules: readonly Rule[] = [
  { id: 'fetch', what: 'fetch() call', pattern: /\bfetch\s*\(/g },
  { id: 'xhr', what: 'XMLHttpRequest', pattern: /\bXMLHttpRequest\b/g },
  { id: 'websocket', what: 'WebSocket', pattern: /\bWebSocket\b/g },
  { id: 'eventsource', what: 'EventSource (server-sent events)', pattern: /\bEventSource\b/g },
  { id: 'beacon', what: 'navigator.sendBeacon', pattern: /\bsendBeacon\b/g },
  { id: 'webtransport', what: 'WebTransport', pattern: /\bWebTransport\b/g },
  { id: 'webrtc', what: 'RTCPeerConnection (WebRTC)', pattern: /\b(?:webkit)?RTCPeerConnection\b/g },
  // Loading the extension's own files by relative path is fine; anything that is not a plain relative
  // string literal (a URL, a protocol-relative path, a computed value) is not.
  {
    id: 'importScripts',
    what: 'importScripts() of anything but a relative path',
    pattern: /\bimportScripts\s*\((?!\s*(["'`])(?:\.{0,2}\/)?(?!\/)[\w./-]+\1\s*\))/g,
  },
  {
    id: 'worker',
    what: 'a worker started from a URL',
    pattern: /\bnew\s+(?:Shared)?Worker\s*\(\s*(?:new\s+URL\s*\(\s*)?["'`]\s*(?:(?:https?|wss?|ftp):)?\/\//gi,
  },
  { id: 'url', what: 'URL literal', pattern: /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>()\\,;]*/gi },
];

export interface Allowance {
  /** The rule it waives. */
  rule: Rule['id'];
  /** The exact text the rule matched (a string), or a pattern for it. */
  text: string | RegExp;
  /** Only where the text before the match (up to 1,000 characters) matches this; anchor it with $. */
  before?: RegExp;
  /** Only where the text from the match on (up to 1,000 characters) matches this; anchor it with ^. */
  after?: RegExp;
  /** Only in files whose path (relative to the scanned folder) matches this. */
  file?: RegExp;
  /** Why this occurrence cannot reach the network. Required: nothing is waived without a reason. */
  why: string;
}

export const allowList: readonly Allowance[] = [
  // Preact (panel, side panel and options pages) creates SVG and MathML elements with
  // document.createElementNS. These strings are XML namespace names, compared and passed as
  // identifiers; the browser never requests them.
  { rule: 'url', text: 'http://www.w3.org/2000/svg', why: 'XML namespace name of SVG (Preact createElementNS); an identifier, never requested' },
  { rule: 'url', text: 'http://www.w3.org/1998/Math/MathML', why: 'XML namespace name of MathML (Preact createElementNS); an identifier, never requested' },
  { rule: 'url', text: 'http://www.w3.org/1999/xhtml', why: 'XML namespace name of HTML (Preact, inside foreignObject); an identifier, never requested' },

  // The call sites' match patterns (utils/sites, the manifest's content_scripts and
  // web_accessible_resources): the browser and the site definitions compare page URLs against
  // them. A pattern with a wildcard is not a fetchable address and nothing requests it.
  { rule: 'url', text: 'https://meet.google.com/*', why: 'match pattern of the Meet call site: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://zoom.us/*', why: 'match pattern of the Zoom web client: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://*.zoom.us/*', why: 'match pattern of Zoom web-client subdomains: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://teams.microsoft.com/*', why: 'match pattern of the Teams web client: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://teams.live.com/*', why: 'match pattern of Teams free (teams.live.com): compared with page URLs, never requested' },
  { rule: 'url', text: 'https://doxy.me/*', why: 'match pattern of the Doxy.me call site: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://whereby.com/*', why: 'match pattern of the Whereby call site: compared with page URLs, never requested' },
  { rule: 'url', text: 'https://*.whereby.com/*', why: 'match pattern of Whereby subdomains: compared with page URLs, never requested' },

  // "Add a site" (Chrome): the optional host permission and the web-accessible panel at its random
  // address are for any HTTPS page; the therapist grants one site at a time.
  {
    rule: 'url',
    text: 'https://*/*',
    file: /^manifest\.json$/,
    why: 'match pattern of the sites a therapist may add (optional host permission, panel at its random address): compared with page URLs, never requested',
  },
  // The options page and the background read an address typed without a scheme as an HTTPS one.
  {
    rule: 'url',
    text: /^https:\/\/\$\{\w+\}$/,
    before: /new URL\(\/\^\[a-z\]\[a-z0-9\+\.-\]\*:\/i\.test\(\w+\)\?\w+:`$/,
    why: 'scheme put before the site address the therapist typed, to parse it (utils/sites/added.ts); never requested',
  },

  // The extension pages' Content Security Policy names the call sites in frame-ancestors: the only
  // pages allowed to frame the panel. A CSP source list restricts; it requests nothing.
  {
    rule: 'url',
    text: /^https:\/\/(?:meet\.google\.com|zoom\.us|\*\.zoom\.us|teams\.microsoft\.com|teams\.live\.com|doxy\.me|whereby\.com|\*\.whereby\.com)$/,
    before: /frame-ancestors [^"';]*$/,
    file: /^manifest\.json$/,
    why: 'call-site origin in the CSP frame-ancestors list (who may frame the panel); restricts, never requested',
  },

  // Documentation links inside the text of an error that WXT's storage helper throws when it runs
  // outside an extension (@wxt-dev/storage, bundled into the background and the pages). They are
  // part of a message string; nothing requests them. Allowed only at that place in that message.
  {
    rule: 'url',
    text: 'https://github.com/wxt-dev/wxt/issues/371',
    before: /web extension environment\s*- If thrown during a build, see $/,
    why: 'link in the text of a WXT storage error message (outside an extension); text only, never requested',
  },
  {
    rule: 'url',
    text: 'https://wxt.dev/guide/go-further/testing.html',
    before: /If thrown during tests, mock 'wxt\/browser' correctly\. See $/,
    why: 'link in the text of a WXT storage error message (outside an extension); text only, never requested',
  },
];

export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: Rule['id'];
  what: string;
  text: string;
  excerpt: string;
  /** The allowance that waived it, if any. */
  allowedBy?: Allowance;
}

const CONTEXT = 1000;

function allowanceFor(rule: Rule, text: string, file: string, source: string, index: number, allow: readonly Allowance[]): Allowance | undefined {
  return allow.find((entry) => {
    if (entry.rule !== rule.id) return false;
    if (typeof entry.text === 'string' ? entry.text !== text : !entry.text.test(text)) return false;
    if (entry.file && !entry.file.test(file)) return false;
    if (entry.before && !entry.before.test(source.slice(Math.max(0, index - CONTEXT), index))) return false;
    if (entry.after && !entry.after.test(source.slice(index, index + CONTEXT))) return false;
    return true;
  });
}

/**
 * Every network API use and URL literal in one file's text, allowed ones marked with their
 * allowance. Pure: the unit tests call it on small strings.
 */
export function scanText(source: string, file = '<text>', allow: readonly Allowance[] = allowList): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const match of source.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))) {
      const index = match.index;
      const text = match[0];
      const lines = source.slice(0, index).split('\n');
      const excerpt = source
        .slice(Math.max(0, index - 60), index + text.length + 60)
        .replace(/\s+/g, ' ')
        .trim();
      const allowedBy = allowanceFor(rule, text, file, source, index, allow);
      findings.push({
        file,
        line: lines.length,
        column: (lines.at(-1)?.length ?? 0) + 1,
        rule: rule.id,
        what: rule.what,
        text,
        excerpt,
        ...(allowedBy ? { allowedBy } : {}),
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Findings that no allowance waives. */
export function violations(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.allowedBy);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A file is read as text unless it has a NUL byte near its start (images, fonts). */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

export interface Report {
  scanned: string[];
  skipped: string[];
  findings: Finding[];
}

export async function scanDirectory(dir: string, allow: readonly Allowance[] = allowList): Promise<Report> {
  const report: Report = { scanned: [], skipped: [], findings: [] };
  for (const path of await filesUnder(dir)) {
    const file = relative(dir, path);
    const bytes = await readFile(path);
    if (isBinary(bytes)) {
      report.skipped.push(file);
      continue;
    }
    report.scanned.push(file);
    report.findings.push(...scanText(bytes.toString('utf8'), file, allow));
  }
  return report;
}

function printReport(dir: string, report: Report): number {
  const bad = violations(report.findings);
  const allowed = report.findings.filter((finding) => finding.allowedBy);
  console.log(`Egress check of ${relative(process.cwd(), dir) || dir}: ${report.scanned.length} files scanned`);
  for (const file of report.scanned) console.log(`  ${file}`);
  for (const file of report.skipped) console.log(`  ${file} (binary, not scanned)`);

  console.log(`\nAllowed (${allowed.length}):`);
  const byAllowance = new Map<Allowance, Finding[]>();
  for (const finding of allowed) byAllowance.set(finding.allowedBy!, [...(byAllowance.get(finding.allowedBy!) ?? []), finding]);
  for (const [allowance, found] of byAllowance) {
    const texts = [...new Set(found.map((finding) => finding.text))].join(' ');
    const files = [...new Set(found.map((finding) => finding.file))].join(', ');
    console.log(`  ${found.length}× ${texts}  (${files})\n     ${allowance.why}`);
  }
  const unused = allowList.filter((allowance) => !byAllowance.has(allowance));
  if (unused.length > 0) {
    console.log(`\nAllow-list entries not needed by this build (fine; remove them when the code that needed them is gone):`);
    for (const allowance of unused) console.log(`  ${allowance.rule}: ${String(allowance.text)}`);
  }

  if (bad.length === 0) {
    console.log('\nNo network API and no URL outside the allow-list: the build cannot reach the network on its own.');
    return 0;
  }
  console.log(`\nFound ${bad.length} way${bad.length === 1 ? '' : 's'} to the network:`);
  for (const finding of bad) {
    console.log(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.what}: ${finding.text}\n     …${finding.excerpt}…`);
  }
  console.error(
    '\nEgress check failed. Rapport makes no network request: remove the code, or, if it truly cannot reach the network\n' +
      '(a namespace name, a match pattern), add a precise entry with its reason to the allow-list in scripts/check-egress.ts.',
  );
  return 1;
}

/** Scans the built extension and prints the report; resolves to the exit code (0 clean, 1 findings, 2 no build). */
export async function checkEgress(dir = resolve(import.meta.dirname, '../.output/chrome-mv3')): Promise<number> {
  let report: Report;
  try {
    report = await scanDirectory(dir);
  } catch {
    console.error(`No built extension at ${dir}. Run "npm run build" first.`);
    return 2;
  }
  if (report.scanned.length === 0) {
    console.error(`Nothing to scan in ${dir}. Run "npm run build" first.`);
    return 2;
  }
  return printReport(dir, report);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await checkEgress(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
