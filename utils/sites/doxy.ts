import type { SiteDefinition } from './types';

/** doxy.me paths with one segment that are the site's own pages, not rooms. */
const notRooms = ['sign-in', 'sign-up', 'signin', 'signup', 'login', 'logout', 'account', 'en', 'en-us', 'es', 'help', 'pricing', 'features', 'blog', 'about', 'terms', 'privacy'];

/**
 * Doxy.me: every provider has one room, `https://doxy.me/<room>`, and that is also the link patients
 * join (they check in and wait there until the provider starts the call). Based on Doxy.me's public
 * help pages: room names are the provider's chosen letters and digits and are not case-sensitive, so
 * the key is the lowercased room. The clinician dashboard (`/sign-in`, `/account/...`) and the site's
 * own pages are not calls. Note: one room serves all of a provider's patients, so the meeting key
 * names the provider's room, not a patient.
 */
export const doxy: SiteDefinition = {
  id: 'doxy',
  label: 'Doxy.me',
  roomsAreShared: true,
  matches: ['https://doxy.me/*'],
  hostPattern: /^doxy\.me$/,
  meetingPath: new RegExp(String.raw`^\/(?!(?:${notRooms.join('|')})\/?$)([a-z0-9][a-z0-9_-]{1,63})\/?$`, 'i'),
  normalizeCode: (code) => code.toLowerCase(),
  // Plausible markers by accessible label (the patient's check-in button; the call's end/leave
  // button); they must be checked against the live site.
  phaseMarkers: [
    { phase: 'inCall', selectors: ['button[aria-label="End call"]', 'button[aria-label="Leave call"]'] },
    { phase: 'greenRoom', selectors: ['button[aria-label="Check in"]'] },
  ],
};
