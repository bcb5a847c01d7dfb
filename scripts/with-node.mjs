#!/usr/bin/env node
// Runs a project tool or script on Node 22+. Machines that still have an older Node get Node 24
// from the npm registry (package `node`), cached outside the repo, so `npm install && npm test`
// works on a fresh machine without a version manager. Plain JavaScript: it must run on Node 20.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname, delimiter, resolve } from 'node:path';

const MIN_MAJOR = 22;
const FALLBACK_SPEC = 'node@24';
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

function cachedNode() {
  const cacheDir =
    process.env.RAPPORT_NODE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rapport', 'node');
  const binary = join(cacheDir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    console.error(`Node ${process.versions.node} is older than ${MIN_MAJOR}; installing ${FALLBACK_SPEC} into ${cacheDir}`);
    mkdirSync(cacheDir, { recursive: true });
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', cacheDir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', FALLBACK_SPEC],
      { stdio: 'inherit' },
    );
    if (npm.status !== 0 || !existsSync(binary)) {
      console.error(`Could not install ${FALLBACK_SPEC}. Install Node ${MIN_MAJOR}+ yourself (see .nvmrc).`);
      process.exit(1);
    }
  }
  return binary;
}

function entryFile(command) {
  const bin = join(root, 'node_modules', '.bin', command);
  if (existsSync(bin)) return realpathSync(bin);
  return resolve(root, command);
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-node.mjs <bin-or-script> [args...]');
  process.exit(2);
}
const node = majorOf(process.versions.node) >= MIN_MAJOR ? process.execPath : cachedNode();
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
const result = spawnSync(node, [entryFile(command), ...args], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
