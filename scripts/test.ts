// `npm test`: every check the project has, in one command, on a fresh machine: type check, builds
// (Chrome, and Firefox), unit tests, and end-to-end tests in real Chromium and Firefox ESR
// (installed from Debian's packages if missing).
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from '../tests/support/chromium.ts';
import { ensureFirefox } from '../tests/support/firefox.ts';
import { checkEgress } from './check-egress.ts';
import { checkManifests } from './check-manifests.ts';
import { runBin } from './run.ts';

function step(name: string, code: number) {
  if (code !== 0) {
    console.error(`\n${name} failed.`);
    process.exit(code);
  }
}

ensureChromium();
ensureFirefox();
step('Type check', runBin('tsc', ['--noEmit']));
// Firefox first (about 2 s), so that WXT's generated types end on Chrome's (tests/e2e/firefox.test.ts loads this build).
step('Firefox build', runBin('wxt', ['build', '-b', 'firefox'], { quiet: true }));
// Mozilla's linter on the Firefox package: errors fail the run (about 4 s; no update check, no network).
process.env.NO_UPDATE_NOTIFIER = '1';
step('Firefox lint', runBin('web-ext', ['lint', '--source-dir', '.output/firefox-mv3', '--no-input', '--no-config-discovery'], { quiet: true }));
step('Build', runBin('wxt', ['build'], { quiet: true }));
step('Manifest check', await checkManifests());
step('Egress check', await checkEgress());

const report = join(tmpdir(), `rapport-vitest-${process.pid}.json`);
const code = runBin('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
try {
  const results = JSON.parse(await readFile(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  // One plain closing line that any CI reads the same way.
  console.log(`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`);
} catch {
  console.error('No test report was written.');
}
await rm(report, { force: true });
process.exit(code);
