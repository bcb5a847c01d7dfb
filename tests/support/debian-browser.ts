import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A browser the tests drive, as Debian packages it; `env` names the variable that points elsewhere. */
export interface DebianBrowser {
  name: string;
  debianPackage: string;
  defaultPath: string;
  env: string;
}

/** The browser at its Debian path, or the one its variable names. */
export function browserPath(browser: DebianBrowser): string {
  const path = process.env[browser.env] ?? browser.defaultPath;
  if (!existsSync(path)) throw new Error(`${browser.name} not found at ${path}. Install it (apt-get install ${browser.debianPackage}) or set ${browser.env}.`);
  return path;
}

/**
 * Makes sure the browser is there: its Debian package is installed when missing and the machine
 * allows it (root with apt-get), as on CI and fresh development machines.
 */
export function ensureBrowser(browser: DebianBrowser): string {
  const path = process.env[browser.env] ?? browser.defaultPath;
  if (existsSync(path)) return path;
  const canInstall = !process.env[browser.env] && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) throw new Error(`${browser.name} not found at ${path}. Install Debian's ${browser.debianPackage} package or set ${browser.env}.`);
  console.log(`${browser.name} is missing: installing Debian’s ${browser.debianPackage} package (apt-get)…`);
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', browser.debianPackage]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install ${browser.debianPackage} by hand.`);
  }
  return browserPath(browser);
}
