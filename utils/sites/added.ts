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
