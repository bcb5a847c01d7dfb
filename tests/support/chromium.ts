import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { browserPath, ensureBrowser, type DebianBrowser } from './debian-browser.ts';
import { fixtureHosts } from './fixture-server.ts';

export const extensionDir = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** The id Chromium gives an unpacked extension: from the SHA-256 of its absolute path, in letters a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * Real audio for automatic talk time: the fake microphone plays `microphoneWav`, microphone
 * requests are accepted without a prompt (unlike --use-fake-ui-for-media-stream, this leaves tab
 * capture working), and Rapport may capture a tab without the toolbar click a therapist makes.
 */
function audioArgs(microphoneWav: string, microphoneAllowed: boolean): string[] {
  return [
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${microphoneWav}`,
    ...(microphoneAllowed ? ['--auto-accept-camera-and-microphone-capture'] : []),
    `--allowlisted-extension-id=${unpackedExtensionId(extensionDir)}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

const debianChromium: DebianBrowser = { name: 'Chromium', debianPackage: 'chromium', defaultPath: '/usr/bin/chromium', env: 'CHROMIUM_PATH' };

/** Debian's Chromium, or the one named by CHROMIUM_PATH. */
export const chromiumPath = () => browserPath(debianChromium);

/** Makes sure Chromium is there (installs Debian's package when missing and allowed). */
export const ensureChromium = () => ensureBrowser(debianChromium);

export interface LaunchOptions {
  port: number;
  withExtension?: boolean;
  headless?: boolean;
  args?: string[];
  viewport?: { width: number; height: number } | null;
  /** 2 with half the viewport is what 200% browser zoom looks like to the page. */
  deviceScaleFactor?: number;
  userDataDir?: string;
  /** Real audio for listening tests: the fake microphone plays this WAV file, and the browser is not muted. */
  microphoneWav?: string;
  /** False: the microphone is refused, as when the therapist never allowed it. */
  microphoneAllowed?: boolean;
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
    // Playwright mutes the browser by default; muted tabs give a silent capture.
    ignoreDefaultArgs: [...(withExtension ? ['--disable-extensions'] : []), ...(options.microphoneWav ? ['--mute-audio'] : [])],
    args: [
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...(options.microphoneWav ? audioArgs(options.microphoneWav, options.microphoneAllowed ?? true) : []),
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
