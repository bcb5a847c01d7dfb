import { launchFirefox, type Bidi, type ContextInfo, type FirefoxOptions, type NodeRef, type RapportFirefox } from '../support/firefox.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

const timeout = 10_000;

/** Polls `read` until `check` accepts its value (or fails after the timeout, saying what it waited for). */
export async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean = Boolean): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(last)}${lastError ? `, ${String(lastError)}` : ''})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A role and accessible name, as a screen reader finds a control (WebDriver BiDi's accessibility locator); a frame has a name but no role. */
export interface ByRole {
  role?: string;
  name?: string;
}

type RemoteValue = { type: string; value?: unknown };
type EvaluateResult = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };

const key = (value: string) => [
  { type: 'keyDown', value },
  { type: 'keyUp', value },
];
const ENTER = '\uE007';

/** One browsing context (a tab, or the panel's frame inside one), driven like Playwright's page or frame. */
export class Context {
  readonly bidi: Bidi;
  readonly id: string;

  constructor(bidi: Bidi, id: string) {
    this.bidi = bidi;
    this.id = id;
  }

  /** Runs `fn(...args)` in the page (awaited) and returns its result, through JSON. */
  async evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> {
    const expression = `(async () => JSON.stringify(await (${fn.toString()})(...${JSON.stringify(args)}) ?? null))()`;
    const reply = await this.bidi.send<EvaluateResult>('script.evaluate', { expression, target: { context: this.id }, awaitPromise: true });
    if (reply.type === 'exception') throw new Error(`evaluate failed: ${reply.exceptionDetails.text}`);
    return JSON.parse(String(reply.result.value)) as T;
  }

  /** Runs `fn(element)` on a found node and returns its result, through JSON. */
  async on<T>(node: NodeRef, fn: (element: Element) => T): Promise<T> {
    const functionDeclaration = `(element) => JSON.stringify((${fn.toString()})(element) ?? null)`;
    const reply = await this.bidi.send<EvaluateResult>('script.callFunction', {
      functionDeclaration,
      arguments: [{ sharedId: node.sharedId }],
      target: { context: this.id },
      awaitPromise: true,
    });
    if (reply.type === 'exception') throw new Error(`callFunction failed: ${reply.exceptionDetails.text}`);
    return JSON.parse(String(reply.result.value)) as T;
  }

  /** Every node with this role and accessible name, optionally inside `within`. */
  async all(by: ByRole, within?: NodeRef): Promise<NodeRef[]> {
    const { nodes } = await this.bidi.send<{ nodes: NodeRef[] }>('browsingContext.locateNodes', {
      context: this.id,
      locator: { type: 'accessibility', value: by },
      ...(within ? { startNodes: [{ sharedId: within.sharedId }] } : {}),
    });
    return nodes;
  }

  /** Waits for the first node with this role and name. */
  async find(by: ByRole, within?: NodeRef): Promise<NodeRef> {
    const [node] = await until(`${by.role ?? 'node'} "${by.name ?? ''}"`, () => this.all(by, within), (nodes) => nodes.length > 0);
    return node!;
  }

  /** Clicks the middle of the node with this role and name, with the mouse (input.performActions), scrolled into view first as a person would. */
  async click(by: ByRole, within?: NodeRef): Promise<void> {
    const node = await this.find(by, within);
    await this.on(node, (element) => element.scrollIntoView({ block: 'center' }));
    await this.bidi.send('input.performActions', {
      context: this.id,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: node.sharedId } } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await this.bidi.send('input.releaseActions', { context: this.id });
  }

  /** Types into whatever has the focus, key by key. */
  async type(text: string): Promise<void> {
    await this.bidi.send('input.performActions', { context: this.id, actions: [{ type: 'key', id: 'keyboard', actions: [...text].flatMap(key) }] });
  }

  /** Waits until `read` on the node with this role and name gives `expected`. */
  async expectState(by: ByRole, read: (element: Element) => unknown, expected: unknown): Promise<void> {
    await until(`${by.role ?? 'node'} "${by.name ?? ''}" to be ${JSON.stringify(expected)}`, async () => this.on(await this.find(by), read), (value) => value === expected);
  }

  async reload(): Promise<void> {
    await this.bidi.send('browsingContext.reload', { context: this.id, wait: 'complete' });
  }

  async close(): Promise<void> {
    await this.bidi.send('browsingContext.close', { context: this.id });
  }
}

/** Adds the visit's patient the way a therapist does: their preferred name, then Enter. */
export async function addPatient(panel: Context, preferredName: string): Promise<void> {
  await panel.click({ role: 'textbox', name: 'Preferred name' });
  await panel.type(`${preferredName}${ENTER}`);
  await panel.find({ role: 'heading', name: preferredName });
}

/** Collapses the panel to a pill and expands it again, watching its frame on the call page (the panel reaches it through the background). */
export async function collapseAndExpand(call: Context, panel: Context): Promise<void> {
  const frameHeight = async () => call.on(await call.find({ name: 'Rapport' }), (element) => element.getBoundingClientRect().height);
  await panel.click({ role: 'button', name: 'Collapse Rapport' });
  await until('the frame to shrink to a pill', frameHeight, (height) => height < 80);
  await panel.click({ role: 'button', name: 'Expand Rapport' });
  await until('the frame to grow back', frameHeight, (height) => height > 400);
}

export const isChecked = (element: Element) => (element as HTMLInputElement).checked;
export const ariaPressed = (element: Element) => element.getAttribute('aria-pressed');

export interface FirefoxRapport {
  server: FixtureServer;
  firefox: RapportFirefox;
  /** Opens a call page (or any fixture page) in a new tab. */
  openTab(url: string): Promise<Context>;
  /** The panel's frame in a call tab: the child context at Rapport's panel page, once it is there. */
  panel(tab: Context): Promise<Context>;
  /** Frames of a tab (none: the content script added no panel). */
  frames(tab: Context): Promise<ContextInfo[]>;
  /**
   * Opens one of Rapport's pages in a tab. WebDriver BiDi may not navigate to moz-extension: URLs,
   * so an extension page (`from`, e.g. the panel) opens it, as its own links and buttons would.
   */
  openExtensionPage(from: Context, path: string): Promise<Context>;
  close(): Promise<void>;
}

export async function startFirefoxRapport(options: Omit<FirefoxOptions, 'port'> = {}): Promise<FirefoxRapport> {
  const server = await startFixtureServer();
  const firefox = await launchFirefox({ ...options, port: server.port }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const { bidi, extensionUuid } = firefox;
  const origin = `moz-extension://${extensionUuid}/`;
  const tabs = async () => (await bidi.send<{ contexts: ContextInfo[] }>('browsingContext.getTree', {})).contexts;

  const rapport: FirefoxRapport = {
    server,
    firefox,
    async openTab(url) {
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
      return new Context(bidi, context);
    },
    async frames(tab) {
      const { contexts } = await bidi.send<{ contexts: ContextInfo[] }>('browsingContext.getTree', { root: tab.id });
      return contexts[0]?.children ?? [];
    },
    async panel(tab) {
      const frame = await until(
        'the panel frame',
        async () => (await rapport.frames(tab)).find((child) => child.url.startsWith(`${origin}panel.html`)),
      );
      return new Context(bidi, frame!.context);
    },
    async openExtensionPage(from, path) {
      const before = new Set((await tabs()).map((tab) => tab.context));
      await from.evaluate((url) => void window.open(url, '_blank'), `${origin}${path}`);
      const opened = await until(
        `${path} to open`,
        async () => (await tabs()).find((tab) => !before.has(tab.context) && tab.url.startsWith(`${origin}${path.split('?')[0]}`)),
      );
      const page = new Context(bidi, opened!.context);
      await until(`${path} to load`, () => page.evaluate(() => document.readyState === 'complete'));
      return page;
    },
    async close() {
      await firefox.close();
      await server.close();
    },
  };
  return rapport;
}
