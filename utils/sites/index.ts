import { meet } from './meet';
import { zoom } from './zoom';
import { teams } from './teams';
import { doxy } from './doxy';
import { whereby } from './whereby';
import { isAddedSiteId } from './added';
import { meetingOnSite, type MeetingRef } from './read';
import type { SiteDefinition } from './types';

export type { AddressParts, CallPhase, SiteDefinition } from './types';
export { detectPhase, meetingOnSite, type MeetingKey, type MeetingRef } from './read';

export const sites: readonly SiteDefinition[] = [meet, zoom, teams, doxy, whereby];

export const callSiteMatches = sites.flatMap((site) => site.matches);

/** The built-in site on a host, by name (a site the therapist tries to add may be one). */
export function builtInSiteLabel(hostname: string): string | undefined {
  return sites.find((site) => site.hostPattern.test(hostname.toLowerCase()))?.label;
}

/** Sites the therapist added (utils/sites/added.ts), as the background stores them. */
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

export function meetingFromUrl(href: string): MeetingRef | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const site = siteForHost(url.hostname);
  return site ? meetingOnSite(site, url) : null;
}
