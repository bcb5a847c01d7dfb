import { meet } from './meet';
import { zoom } from './zoom';
import { teams } from './teams';
import { doxy } from './doxy';
import { whereby } from './whereby';
import { isAddedSiteId } from './added';
import type { AddressParts, CallPhase, SiteDefinition } from './types';

export type { AddressParts, CallPhase, SiteDefinition } from './types';

export const sites: readonly SiteDefinition[] = [meet, zoom, teams, doxy, whereby];

/** Pure: the call tab's script imports this module but not the list, so its bundle leaves it out. */
export const callSiteMatches = /* @__PURE__ */ sites.flatMap((site) => site.matches);

/** The built-in site on a host, by name (a site the therapist tries to add may be one). */
export function builtInSiteLabel(hostname: string): string | undefined {
  return sites.find((site) => site.hostPattern.test(hostname.toLowerCase()))?.label;
}

/** Sites the therapist added (utils/sites/added.ts), as known to this context: the background's stored list, or the content script's own site. */
let addedSites: readonly SiteDefinition[] = [];
export function setAddedSites(list: readonly SiteDefinition[]): void {
  addedSites = list;
}

export function siteForHost(hostname: string): SiteDefinition | undefined {
  const host = hostname.toLowerCase();
  return sites.find((site) => site.hostPattern.test(host)) ?? addedSites.find((site) => site.hostPattern.test(host));
}

export function siteById(id: string): SiteDefinition | undefined {
  return sites.find((site) => site.id === id) ?? addedSites.find((site) => site.id === id);
}

/**
 * Whether a meeting's link is a room that serves every patient of the clinician (see `roomsAreShared`);
 * an added site's always is, also where that site's data is not loaded (the panel).
 */
export function isSharedRoom(meetingKey: string): boolean {
  const siteId = meetingKey.slice(0, meetingKey.indexOf(':'));
  return siteById(siteId)?.roomsAreShared === true || isAddedSiteId(siteId);
}

/** A meeting's identity across visits, e.g. "meet:abc-defg-hij": recurring links map to one key. */
export type MeetingKey = `${string}:${string}`;

export interface MeetingRef {
  site: SiteDefinition;
  code: string;
  key: MeetingKey;
}

export function meetingFromUrl(href: string): MeetingRef | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return meetingAt(url);
}

/** The meeting at an address already taken apart: a URL, or the call page's own `location` (no URL to parse). */
export function meetingAt(address: AddressParts): MeetingRef | null {
  if (address.protocol !== 'https:') return null;
  const site = siteForHost(address.hostname);
  if (!site) return null;
  const match = site.meetingPath.exec(address.pathname) ?? site.meetingHash?.exec(address.hash);
  const captured = match?.slice(1).find(Boolean);
  const code = captured && (site.normalizeCode ? site.normalizeCode(captured, address) : captured);
  if (!code) return null;
  return { site, code, key: `${site.id}:${code}` };
}

/**
 * Reads the call phase off the page; null when no marker matches (yet). One search of the page per
 * phase (its selectors as one list), as this runs every second on pages of thousands of elements.
 */
export function detectPhase(site: SiteDefinition, root: ParentNode): Exclude<CallPhase, 'unknown'> | null {
  return site.phaseMarkers.find((marker) => root.querySelector(marker.selectors.join()))?.phase ?? null;
}
