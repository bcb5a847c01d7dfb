import type { SiteDefinition } from './types';

/** A Teams meeting thread, `19:meeting_<base64>@thread.v2`, as it appears in join links (URL-encoded or not). */
const thread = String.raw`19(?:%3a|:)(meeting_[a-z0-9_-]+)(?:%40|@)thread\.v2`;

/**
 * Microsoft Teams on the web (work/school accounts on teams.microsoft.com, Teams free on teams.live.com).
 * Based on the publicly documented join links:
 * - `https://teams.microsoft.com/l/meetup-join/19%3ameeting_<id>%40thread.v2/0?context=...` (the
 *   classic join link); the web app then continues at `/_#/l/meetup-join/...` or
 *   `/v2/?meetingjoin=true#/l/meetup-join/...`, with the same thread in the fragment;
 * - the short join links with a numeric meeting ID, `https://teams.microsoft.com/meet/<id>?p=<passcode>`
 *   and `https://teams.live.com/meet/<id>?p=<passcode>` (Teams free).
 * The meeting's identity is the thread (`meeting_<base64>`, case kept: base64 is case-sensitive) or
 * the numeric ID; Teams does not put both in one URL, so the same meeting reached by both link forms
 * gets two keys. Not recognised (yet): the launcher chooser `/dl/launcher/launcher.html?...` (not a
 * call) and the anonymous "light meetings" page `/light-meetings/launch?...&coords=<base64>`, whose
 * meeting is only in an encoded query parameter.
 * Check against the live site: whether the URL keeps the thread for the whole call (new Teams may
 * drop the fragment once joined, which would end the panel's meeting).
 */
export const teams: SiteDefinition = {
  id: 'teams',
  label: 'Microsoft Teams',
  matches: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  hostPattern: /^teams\.(?:microsoft|live)\.com$/,
  meetingPath: new RegExp(String.raw`^\/(?:l\/meetup-join\/${thread}(?:\/[^/]*)?|meet\/(\d{9,15}))\/?$`, 'i'),
  meetingHash: new RegExp(String.raw`^#\/l\/meetup-join\/${thread}(?:[/?].*)?$`, 'i'),
  // Markers are the web client's data-tid test ids and accessible labels as publicly seen in the new
  // Teams (2024); they are plausible, not verified: check them against the live site.
  phaseMarkers: [
    { phase: 'inCall', selectors: ['button#hangup-button', 'button[data-tid="hangup-main-btn"]', 'button[aria-label^="Leave"]'] },
    { phase: 'left', selectors: ['button[data-tid="calling-retry-rejoinbutton"]', 'button[aria-label="Rejoin"]'] },
    { phase: 'greenRoom', selectors: ['button[data-tid="prejoin-join-button"]', 'button[aria-label="Join now"]'] },
  ],
};
