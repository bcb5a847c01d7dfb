import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { addPatient, MEET_URL, startRapport, type Rapport } from './harness.ts';

/**
 * The extension pages' Content Security Policy (wxt.config.ts) is in force in the panel frame, the
 * side panel and the options page, and the panel still works under it: the call sites may frame it,
 * and the styles Preact sets from script (through the CSSOM) apply.
 */

let rapport: Rapport;
const violations: string[] = [];
beforeAll(async () => {
  rapport = await startRapport();
  rapport.browser.context.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
});
afterAll(() => rapport?.close());

/**
 * Runs in an extension page: tries a connection, an inline script and a style attribute written as
 * markup, and reports what the policy refused (from its securitypolicyviolation events); then checks
 * that a style set through the CSSOM, as Preact sets style={{...}}, applies.
 * (eval cannot be probed this way: code evaluated through DevTools may always generate code.)
 */
async function probePolicy(): Promise<{ refused: string[]; inlineScriptRan: boolean; cssomColor: string; markupColor: string }> {
  const refused: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) => refused.push(`${event.effectiveDirective} ${event.blockedURI}`));
  await fetch('https://meet.google.com/__fixture/call.css').catch(() => undefined);
  const script = document.createElement('script');
  script.textContent = 'document.documentElement.dataset.inlineScriptRan = "yes"';
  document.head.append(script);
  script.remove();
  const cssom = document.body.appendChild(document.createElement('span'));
  cssom.style.color = 'rgb(1, 2, 3)';
  const markup = document.body.appendChild(document.createElement('span'));
  markup.setAttribute('style', 'color: rgb(4, 5, 6)');
  // Violation events are queued as tasks: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const result = { refused: [...new Set(refused)], inlineScriptRan: document.documentElement.dataset.inlineScriptRan === 'yes', cssomColor: getComputedStyle(cssom).color, markupColor: getComputedStyle(markup).color };
  cssom.remove();
  markup.remove();
  return result;
}

describe('the extension pages’ content security policy', () => {
  it('lets the call sites frame the panel, and the panel’s script-set styles apply, with nothing refused', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await addPatient(panel, 'Kai');

    // The opening timer's 18 s mark sits at 12% of its track (style={{ left: '12%' }}).
    const markAt = await panel.locator('.opening-track').evaluate((track) => {
      const mark = track.querySelector('.mark.interrupt')!.getBoundingClientRect();
      const box = track.getBoundingClientRect();
      return (mark.left - box.left) / box.width;
    });
    expect(markAt).toBeCloseTo(0.12, 2);

    // A section's progress bar grows with its ticks (style={{ width: … }}).
    const greet = panel.getByRole('checkbox', { name: 'Greet them by their preferred name' });
    const bar = panel.locator('.cl-section', { has: greet }).locator('.progress-bar > div');
    expect(await bar.evaluate((fill) => fill.getBoundingClientRect().width)).toBe(0);
    await greet.check();
    await expectPage(bar).toSatisfy(
      (fill) => fill.evaluate((element) => element.getBoundingClientRect().width / element.parentElement!.getBoundingClientRect().width),
      (share) => share > 0 && share < 1,
    );

    // On the Zoom web client too.
    const zoom = await rapport.openCall('https://app.zoom.us/wc/555555555/join');
    await expectPage(rapport.panel(zoom).getByRole('button', { name: 'Patient talking' })).toBeVisible();

    expect(violations).toEqual([]);
    await zoom.close();
    await page.close();
  });

  it('refuses connections, inline script and style markup in the panel, the side panel and the options page', async () => {
    const page = await rapport.openCall(MEET_URL);
    const panel = rapport.panel(page);
    await expectPage(panel.getByRole('button', { name: 'Patient talking' })).toBeVisible();
    const side = await rapport.openExtensionPage(`sidepanel.html?tabId=${await rapport.tabIdOf(page)}`);
    const options = await rapport.openExtensionPage('options.html');
    await expectPage(options.getByRole('heading', { name: 'Patients' })).toBeVisible();

    const results = {
      panel: await panel.locator('body').evaluate(probePolicy),
      side: await side.evaluate(probePolicy),
      options: await options.evaluate(probePolicy),
    };
    for (const [where, result] of Object.entries(results)) {
      expect(result.refused, where).toEqual(['connect-src https://meet.google.com/__fixture/call.css', 'script-src-elem inline', 'style-src-attr inline']);
      expect(result.inlineScriptRan, where).toBe(false);
      expect(result.cssomColor, where).toBe('rgb(1, 2, 3)');
      expect(result.markupColor, where).not.toBe('rgb(4, 5, 6)');
    }
    await options.close();
    await side.close();
    await page.close();
  });
});
