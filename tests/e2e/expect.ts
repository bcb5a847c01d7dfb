import type { Locator } from 'playwright-core';
import { expect as vitestExpect } from 'vitest';

const timeout = 10_000;

/**
 * Web-first assertions on Playwright locators for Vitest: each one waits for its condition (polling
 * the live page) up to a timeout, so tests never sleep.
 */
export function expect(locator: Locator, options: { timeout?: number } = {}) {
  const wait = { timeout: options.timeout ?? timeout, interval: 50 };
  return {
    toBeVisible: () => locator.waitFor({ state: 'visible', timeout: wait.timeout }),
    toBeHidden: () => locator.waitFor({ state: 'hidden', timeout: wait.timeout }),
    toHaveCount: (count: number) => vitestExpect.poll(() => locator.count(), wait).toBe(count),
    toHaveAttribute: (name: string, value: string | null) => vitestExpect.poll(() => locator.getAttribute(name), wait).toBe(value),
    toHaveText: (text: string | RegExp) =>
      vitestExpect.poll(() => locator.innerText(), wait)[typeof text === 'string' ? 'toBe' : 'toMatch'](text as never),
    toContainText: (text: string) => vitestExpect.poll(() => locator.innerText(), wait).toContain(text),
    toHaveValue: (value: string) => vitestExpect.poll(() => locator.inputValue(), wait).toBe(value),
    toBeChecked: (checked = true) => vitestExpect.poll(() => locator.isChecked(), wait).toBe(checked),
    toSatisfy: <T>(read: (locator: Locator) => Promise<T>, check: (value: T) => boolean) =>
      vitestExpect.poll(async () => check(await read(locator)), wait).toBe(true),
  };
}
