import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** Runs a project binary (node_modules/.bin) on this same Node; returns its exit code. */
export function runBin(bin: string, args: string[], options: { quiet?: boolean } = {}): number {
  const entry = realpathSync(resolve(root, 'node_modules/.bin', bin));
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: root, stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (options.quiet && result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.status ?? 1;
}
