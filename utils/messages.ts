import { browser } from '#imports';
import { i18n } from '#i18n';
import type { ContentToBackground, OffscreenToBackground, PanelToBackground } from './message-schemas';
import type { SitePrefs } from './model';

/**
 * Typed messages, named by direction: panel to background, content to background, panel to
 * content, background to content. Payload schemas live in message-schemas.ts, so the content
 * script does not carry the validator.
 */
export type { PanelToBackground, ContentToBackground, OffscreenToBackground } from './message-schemas';

/** To the audio page: start analysing a call tab (its capture stream id, null when refused), or stop. */
export type BackgroundToOffscreen =
  | { type: 'offscreen/start'; tabId: number; streamId: string | null }
  | { type: 'offscreen/stop' };

export type PanelToContent =
  | { type: 'layout/moveBy'; dx: number; dy: number }
  | { type: 'layout/dragStart'; screenX: number; screenY: number }
  | { type: 'layout/collapsed'; collapsed: boolean }
  /** The panel's place (utils/panel-place.ts): in side panel mode the call page hides its frame. */
  | { type: 'layout/place'; inSidePanel: boolean }
  /** Whether the theme follows the call page (utils/look.ts), so the page samples its look. */
  | { type: 'layout/followLook'; follow: boolean };

/**
 * The answer to a call page's state report: its site's prefs, with the panel's place, so it knows
 * whether to show its frame, and whether to sample the page's look.
 */
export type ContentPlacement = SitePrefs & { inSidePanel: boolean; followLook: boolean };

/** To the panels showing a call tab: a line for their polite live region (what a keyboard command did). */
export type BackgroundToPanel = { type: 'panel/announce'; tabId: number; text: string };

export type BackgroundToContent = { type: 'layout/togglePanel' };

/** Every reply from the background: a value, or a sentence a therapist can read. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false, error: string };

export async function sendToBackground<T = unknown>(message: PanelToBackground | OffscreenToBackground): Promise<Reply<T>> {
  try {
    return ((await browser.runtime.sendMessage(message)) as Reply<T> | undefined) ?? { ok: false, error: i18n.t('messages.noAnswer') };
  } catch {
    return { ok: false, error: i18n.t('messages.unreachable') };
  }
}

/**
 * The call page's script shows no text, so it needs no wording for a failed exchange (and does not
 * bundle the catalogue lookup): the reply's value, or undefined.
 */
export async function askBackground<T = unknown>(message: ContentToBackground): Promise<T | undefined> {
  try {
    // Throws at once, rather than rejecting, once the extension is reloaded under the page.
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply?.ok ? reply.value : undefined;
  } catch {
    return undefined;
  }
}
