import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { classifySender, createHandlers } from '@/utils/background-handlers';
import { callPageLook } from '@/utils/call-look';
import { lookDefaults, pageTheme } from '@/utils/look';
import type { ContentToBackground, PanelToBackground, Reply } from '@/utils/messages';
import { readCollection } from '@/utils/storage';

type Sender = Parameters<typeof classifySender>[0];
const panelSender: () => Sender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html'), frameId: 0 });
const contentSender: () => Sender = () => ({ id: fakeBrowser.runtime.id, url: 'https://meet.google.com/abc-defg-hij', tab: { id: 7 }, frameId: 0 });

let handlers: ReturnType<typeof createHandlers>;
beforeEach(() => {
  fakeBrowser.reset();
  const now = () => 1_700_000_000_000;
  handlers = createHandlers(createBackgroundStore({ now }), { now, newId: () => 'id-1' });
});
const fromPanel = (message: PanelToBackground) => handlers.handleMessage(message, panelSender());
const fromContent = (message: ContentToBackground) => handlers.handleMessage(message, contentSender());
const ok = (reply: Reply) => expect(reply).toMatchObject({ ok: true });
const refused = (reply: Reply) => expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/did not expect/) });

describe('pageTheme', () => {
  it('names the chosen theme, the call page’s look for "Match the call site", and leaves the rest to the system', () => {
    expect(pageTheme('light', 'dark')).toBe('light');
    expect(pageTheme('dark', 'light')).toBe('dark');
    expect(pageTheme('callSite', 'dark')).toBe('dark');
    expect(pageTheme('callSite', 'light')).toBe('light');
    expect(pageTheme('callSite', undefined)).toBeNull();
    expect(pageTheme('system', 'dark')).toBeNull();
    expect(lookDefaults).toEqual({ theme: 'system', density: 'comfortable' });
  });
});

describe('settings/look', () => {
  it('stores the theme and the density as one settings entry, each change merged into the stored one', async () => {
    ok(await fromPanel({ type: 'settings/look', look: { theme: 'dark' } }));
    expect((await readCollection('settings')).entries.look).toEqual({ theme: 'dark', density: 'comfortable' });
    ok(await fromPanel({ type: 'settings/look', look: { density: 'compact' } }));
    expect((await readCollection('settings')).entries.look).toEqual({ theme: 'dark', density: 'compact' });
    ok(await fromPanel({ type: 'settings/cues', cues: { checkIn: false } }));
    expect((await readCollection('settings')).entries.look).toEqual({ theme: 'dark', density: 'compact' });
  });

  it('refuses an unknown theme, density or key, and a call page sending it', async () => {
    refused(await fromPanel({ type: 'settings/look', look: { theme: 'sepia' } } as never));
    refused(await fromPanel({ type: 'settings/look', look: { density: 'tiny' } } as never));
    refused(await fromPanel({ type: 'settings/look', look: { theme: 'dark', font: 'large' } } as never));
    refused(await handlers.handleMessage({ type: 'settings/look', look: { theme: 'dark' } }, contentSender()));
    expect((await readCollection('settings')).entries.look).toBeUndefined();
  });
});

describe('the call page’s look', () => {
  it('is stored with the tab’s call state, and refused when it is not light or dark', async () => {
    ok(await fromContent({ type: 'content/callState', state: { siteId: 'meet', meetingKey: 'meet:abc-defg-hij', phase: 'greenRoom', look: 'dark' } }));
    expect((await readCollection('callTabs')).entries['7']).toMatchObject({ phase: 'greenRoom', look: 'dark' });
    refused(await fromContent({ type: 'content/callState', state: { siteId: 'meet', meetingKey: null, phase: 'left', look: 'black' } } as never));
  });

  /** A stand-in page: the element at the window's centre and its ancestors, with these backgrounds. */
  function pageWith(backgrounds: string[]): Document {
    const chain = backgrounds.map((backgroundColor) => ({ backgroundColor, parentElement: null as unknown }));
    chain.forEach((element, i) => (element.parentElement = chain[i + 1] ?? null));
    const view = { innerWidth: 1400, innerHeight: 900, getComputedStyle: (element: { backgroundColor: string }) => element };
    return { defaultView: view, elementFromPoint: () => chain[0] ?? null, body: null } as unknown as Document;
  }

  it('is read from the first background that is not see-through, from the window’s centre up', () => {
    expect(callPageLook(pageWith(['rgba(0, 0, 0, 0)', 'rgb(32, 33, 36)', 'rgb(255, 255, 255)']))).toBe('dark');
    expect(callPageLook(pageWith(['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)']))).toBe('light');
    expect(callPageLook(pageWith(['rgba(255, 255, 255, 0.2)', 'rgb(26, 26, 26)']))).toBe('dark');
    expect(callPageLook(pageWith(['rgb(241, 243, 244)']))).toBe('light');
    // Nothing opaque: the browser's white canvas shows.
    expect(callPageLook(pageWith(['rgba(0, 0, 0, 0)']))).toBe('light');
  });
});

describe('the palette in panel.css', () => {
  const css = readFileSync(new URL('../../components/panel.css', import.meta.url), 'utf8');
  const pairs = Object.fromEntries([...css.matchAll(/--([\w-]+): light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/g)].map((m) => [m[1], [m[2], m[3]]]));

  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const c = parseInt(hex.slice(at, at + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }
  function contrast(a: string, b: string): number {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  }

  /** [foreground, background, WCAG AA minimum]: text 4.5:1, control outlines and the focus ring 3:1. */
  const checks: [string, string, number][] = [
    ...['text', 'muted', 'accent', 'patient', 'therapist', 'danger'].flatMap((fg): [string, string, number][] => [
      [fg, 'bg', 4.5],
      [fg, 'surface', 4.5],
    ]),
    ['accent-text', 'accent', 4.5],
    // A pressed speaker button: the page colour on the speaker's colour.
    ['bg', 'patient', 4.5],
    ['bg', 'therapist', 4.5],
    ...['border', 'focus', 'mark'].flatMap((fg): [string, string, number][] => [
      [fg, 'bg', 3],
      [fg, 'surface', 3],
    ]),
  ];

  it.each([
    ['light', 0],
    ['dark', 1],
  ] as const)('meets WCAG AA in the %s theme', (_theme, index) => {
    for (const [fg, bg, minimum] of checks) {
      expect(pairs[fg], fg).toBeDefined();
      expect(pairs[bg], bg).toBeDefined();
      expect(contrast(pairs[fg]![index]!, pairs[bg]![index]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(minimum);
    }
  });
});
