import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.ts';
import { browserPath, ensureBrowser, type DebianBrowser } from './debian-browser.ts';
import { fixtureHosts } from './fixture-server.ts';

const firefoxExtensionDir = resolve(import.meta.dirname, '../../.output/firefox-mv3');

const firefoxEsr: DebianBrowser = { name: 'Firefox', debianPackage: 'firefox-esr', defaultPath: '/usr/bin/firefox-esr', env: 'FIREFOX_PATH' };

/** Debian's Firefox ESR, or the one named by FIREFOX_PATH. */
export const firefoxPath = () => browserPath(firefoxEsr);

/** Makes sure Firefox is there (installs Debian's firefox-esr when missing and allowed), as for Chromium. */
export const ensureFirefox = () => ensureBrowser(firefoxEsr);

/** A WebDriver BiDi connection: commands, each answered by its id (the tests subscribe to no events). */
export class Bidi {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void; method: string }>();

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; id?: number; result?: unknown; error?: string; message?: string };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.type === 'success') waiting.resolve(message.result);
      else waiting.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
    });
    socket.addEventListener('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${waiting.method}: the connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    return new Bidi(socket);
  }

  send<T>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** A browsing context (tab or frame) as browsingContext.getTree describes it. */
export interface ContextInfo {
  context: string;
  url: string;
  children: ContextInfo[] | null;
}

/** A node found by browsingContext.locateNodes: a reference that script and input commands accept. */
export interface NodeRef {
  sharedId: string;
}

/**
 * Preferences for a quiet, test-only profile: the call sites' names go through the loopback proxy
 * (to the fixture server), Firefox's own background traffic is off, and the add-on's internal
 * address is fixed so tests can open its pages.
 */
function userPrefs(proxyPort: number, addonId: string, extensionUuid: string): Record<string, string | number | boolean> {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'browser.ping-centre.telemetry': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'services.settings.server': 'data:,#remote-settings-off/v1',
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-manager.url': '',
    'browser.search.update': false,
    'geo.provider.network.url': '',
    'dom.push.connection.enabled': false,
    'identity.fxaccounts.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: extensionUuid }),
  };
}

export interface FirefoxOptions {
  /** The fixture server's port: the call sites' names are tunnelled to it. */
  port: number;
  /** More preferences for this profile, e.g. a short idle time for the add-on's background. */
  prefs?: Record<string, string | number | boolean>;
}

export interface RapportFirefox {
  bidi: Bidi;
  /** The add-on's pages live at moz-extension://<extensionUuid>/ (fixed through a preference). */
  extensionUuid: string;
  proxy: ConnectProxy;
  close(): Promise<void>;
}

function remoteAddress(firefox: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (found) {
        firefox.stderr!.off('data', onData);
        // Drain the rest so Firefox never blocks on a full pipe.
        firefox.stderr!.resume();
        resolve(found[1]!);
      }
    };
    firefox.stderr!.on('data', onData);
    firefox.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before WebDriver BiDi started:\n${output}`)));
  });
}

/** Headless Firefox ESR with the built add-on installed (temporarily, as about:debugging does) over WebDriver BiDi. */
export async function launchFirefox(options: FirefoxOptions): Promise<RapportFirefox> {
  if (!existsSync(join(firefoxExtensionDir, 'manifest.json'))) {
    throw new Error(`No built add-on at ${firefoxExtensionDir}. Run "npm run build:firefox" first.`);
  }
  const proxy = await startConnectProxy(options.port, fixtureHosts);
  const profile = await mkdtemp(join(tmpdir(), 'rapport-firefox-'));
  const extensionUuid = randomUUID();
  let firefox: ChildProcess | undefined;
  let exited = Promise.resolve();
  const stop = async () => {
    firefox?.kill();
    await exited;
    await proxy.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const manifest = JSON.parse(await readFile(join(firefoxExtensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    const prefs = Object.entries({ ...userPrefs(proxy.port, manifest.browser_specific_settings.gecko.id, extensionUuid), ...options.prefs }).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
    await writeFile(join(profile, 'user.js'), `${prefs.join('\n')}\n`);
    const started = spawn(firefoxPath(), ['--headless', '--remote-debugging-port=0', '--profile', profile, '--no-remote', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Release builds honour services.settings.server (remote settings off) only with MOZ_REMOTE_SETTINGS_DEVTOOLS.
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    });
    firefox = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    const address = await remoteAddress(started);
    const bidi = await Bidi.connect(`${address}/session`);
    await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    await bidi.send('webExtension.install', { extensionData: { type: 'path', path: firefoxExtensionDir } });
    return {
      bidi,
      extensionUuid,
      proxy,
      async close() {
        await bidi.send('session.end', {}).catch(() => undefined);
        bidi.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
