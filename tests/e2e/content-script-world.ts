import type { Page } from 'playwright-core';
import type { Rapport } from './harness.ts';

/** The parts of CDP's Runtime.ExecutionContextDescription used here. */
interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

export interface ContentScriptWorld {
  /** Runs an expression where Rapport's content script runs, awaits it, and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Rapport's content script world on a call page: the isolated world Chrome made for the extension in
 * the page's top frame. Playwright evaluates only in the page's main world, so this goes through the
 * Chrome DevTools Protocol: Runtime.enable reports every execution context of the page, and the
 * content script's is the isolated one whose origin is the extension's.
 * Call it once the content script has run (e.g. the panel frame is there).
 */
export async function contentScriptWorld(rapport: Rapport, page: Page): Promise<ContentScriptWorld> {
  const cdp = await rapport.browser.context.newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  // Existing contexts are reported before Runtime.enable answers.
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const aux = (context: ExecutionContext) => context.auxData ?? {};
  const world = contexts.find(
    (context) =>
      aux(context).type === 'isolated' && aux(context).frameId === frameTree.frame.id && context.origin === `chrome-extension://${rapport.extensionId}`,
  );
  if (!world) {
    await cdp.detach();
    const seen = contexts.map((context) => `${aux(context).type} ${context.origin} ${context.name}`).join('; ');
    throw new Error(`Rapport's content script world was not found on ${page.url()} (contexts: ${seen})`);
  }
  return {
    async evaluate<T>(expression: string) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value as T;
    },
    close: () => cdp.detach(),
  };
}
