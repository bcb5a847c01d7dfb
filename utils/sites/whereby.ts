import type { SiteDefinition } from './types';

/** whereby.com paths with one segment that are the site's own pages, not rooms. */
const notRooms = ['user', 'information', 'org', 'login', 'signup', 'sign-up', 'api', 'embed', 'pricing', 'blog', 'about'];

/**
 * Whereby: rooms are `https://whereby.com/<room>` (free and personal rooms) and
 * `https://<subdomain>.whereby.com/<room>` (an organisation's rooms on its own subdomain), as in
 * Whereby's public documentation and room links. Room names are lowercase letters, digits and
 * hyphens (the key is lowercased); the same room name on two subdomains is two rooms, so the key
 * carries the subdomain: `whereby:<room>` or `whereby:<subdomain>:<room>` (keys are storage ids: no `/`). The account pages
 * (`/user`, `/information/...`, `/org/...`) are not calls, nor is any path with more than one segment.
 */
export const whereby: SiteDefinition = {
  id: 'whereby',
  label: 'Whereby',
  roomsAreShared: true,
  matches: ['https://whereby.com/*', 'https://*.whereby.com/*'],
  hostPattern: /^(?:[a-z0-9-]+\.)?whereby\.com$/,
  meetingPath: new RegExp(String.raw`^\/(?!(?:${notRooms.join('|')})\/?$)([a-z0-9][a-z0-9-]{0,63})\/?$`, 'i'),
  normalizeCode: (code, address) => {
    const subdomain = /^([a-z0-9-]+)\.whereby\.com$/i.exec(address.hostname)?.[1]?.toLowerCase();
    const room = code.toLowerCase();
    return subdomain && subdomain !== 'www' ? `${subdomain}:${room}` : room;
  },
  // Plausible markers by accessible label (the pre-call screen's join/knock button, the call's leave
  // button, the rejoin button after leaving); they must be checked against the live site.
  phaseMarkers: [
    { phase: 'inCall', selectors: ['button[aria-label="Leave"]', 'button[aria-label="Leave meeting"]'] },
    { phase: 'left', selectors: ['button[aria-label="Rejoin"]', 'button[aria-label="Rejoin meeting"]'] },
    { phase: 'greenRoom', selectors: ['button[aria-label="Join meeting"]', 'button[aria-label="Knock"]'] },
  ],
};
