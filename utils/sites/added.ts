import type { SiteDefinition } from './types';

/**
 * A telehealth platform the therapist added on the options page ("Add a site"): its HTTPS origin and
 * the path its visit pages are under ('' for the whole site). Rapport knows nothing else about it.
 */
export interface AddedSite {
  origin: string;
  pathPrefix: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Its site id: the host name, marked so that it can never be a built-in site's id. */
const ADDED_PREFIX = 'site.';
export const addedSiteId = (origin: string) => `${ADDED_PREFIX}${new URL(origin).hostname}`;
export const isAddedSiteId = (id: string) => id.startsWith(ADDED_PREFIX);

/**
 * The added site as site data, like a built-in one: every page under the path prefix is a meeting,
 * identified by its path (`site.telehealth.example.org:visit:4821` for /visit/4821), and is in call
 * for as long as it is open (its page body is the marker). The site root alone is not a meeting.
 * One room may serve every patient, so each visit starts without one.
 */
export function addedSiteDefinition({ origin, pathPrefix }: AddedSite): SiteDefinition {
  const host = new URL(origin).hostname;
  return {
    id: addedSiteId(origin),
    label: host,
    roomsAreShared: true,
    matches: [`${origin}/*`],
    hostPattern: new RegExp(`^${escapeRegExp(host)}$`),
    meetingPath: new RegExp(`^(${escapeRegExp(pathPrefix)}(?:/.*)?)$`),
    // Meeting keys are storage ids (letters, digits, `_ . : -`): path separators and other characters become `:`.
    normalizeCode: (path) => path.replace(/[^\w.-]+/g, ':').replace(/^:+|:+$/g, '').slice(0, 150),
    phaseMarkers: [{ phase: 'inCall', selectors: ['body'] }],
  };
}

/** A DNS host name with a dot and a top-level name of letters (not an IP address, not `localhost`). */
const hostName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Reads the address the therapist typed ("telehealth.example.org", "https://telehealth.example.org/visit")
 * into the site to add, or says in plain words why it cannot be added. `builtIn` names the built-in
 * site on that host, if there is one.
 */
export function parseSiteAddress(input: string, builtIn: (hostname: string) => string | undefined): { site: AddedSite } | { problem: string } {
  const text = input.trim();
  if (!text) return { problem: 'Type the address of the video visit site, for example telehealth.example.org.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return { problem: 'That is not a web address. Type it as it appears in the browser, for example telehealth.example.org.' };
  }
  if (url.protocol !== 'https:') return { problem: 'Rapport works only on secure sites, whose address starts with https.' };
  if (url.username || url.password) return { problem: 'Leave out any user name or password from the address.' };
  if (url.port) return { problem: 'Rapport cannot add an address with a port number (the “:” and digits after the site name).' };
  if (!hostName.test(url.hostname)) return { problem: 'That address has no site name Rapport can add, such as telehealth.example.org.' };
  const known = builtIn(url.hostname);
  if (known) return { problem: `${known} is built in: Rapport already works there.` };
  return { site: { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') } };
}
