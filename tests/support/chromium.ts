import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { fixtureHosts } from './fixture-server.ts';

export const extensionDir = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Debian's Chromium, or the one named by CHROMIUM_PATH. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return path;
}

/**
 * Makes sure Chromium is there: Debian's package is installed when missing and the machine allows
 * it (root with apt-get), as on CI and fresh development machines.
 */
export function ensureChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) throw new Error(`Chromium not found at ${path}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  console.log('Chromium is missing: installing Debian’s chromium package (apt-get)…');
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install chromium by hand.`);
  }
  return chromiumPath();
}

export interface LaunchOptions {
  port: number;
  withExtension?: boolean;
  headless?: boolean;
  args?: string[];
  viewport?: { width: number; height: number } | null;
  /** 2 with half the viewport is what 200% browser zoom looks like to the page. */
  deviceScaleFactor?: number;
  userDataDir?: string;
}

export interface RapportBrowser {
  context: BrowserContext;
  /** The extension's service worker, and its id; absent when launched without the extension. */
  worker?: Worker;
  extensionId?: string;
  userDataDir: string;
  close(): Promise<void>;
}

/** Headless Chromium with Rapport loaded, resolving the call sites' host names to the fixture server. */
export async function launchChromium(options: LaunchOptions): Promise<RapportBrowser> {
  const { withExtension = true, headless = true } = options;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run "npm run build" first.`);
  }
  const ownsDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'rapport-chromium-')));
  const rules = fixtureHosts.map((host) => `MAP ${host}:443 127.0.0.1:${options.port}`).join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless,
    viewport: options.viewport === undefined ? { width: 1400, height: 900 } : options.viewport,
    ignoreHTTPSErrors: true,
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args: [
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...(options.args ?? []),
    ],
  });
  let worker: Worker | undefined;
  if (withExtension) {
    worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
  }
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : undefined,
    userDataDir,
    async close() {
      await context.close();
      if (ownsDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
