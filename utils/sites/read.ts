import type { AddressParts, CallPhase, SiteDefinition } from './types';

/*
 * Reading a call page on a site already known. The call tab's script imports this module, not the
 * site list (./index.ts), so each site's script carries that site's data alone (utils/call-script.ts).
 */

/** A meeting's identity across visits, e.g. "meet:abc-defg-hij": recurring links map to one key. */
export type MeetingKey = `${string}:${string}`;

export interface MeetingRef {
  site: SiteDefinition;
  code: string;
  key: MeetingKey;
}

/**
 * The meeting at an address on a site already known: the call page's script is built for its one
 * site. The host is checked too, as a manifest match pattern (`*.whereby.com`) takes subdomains of
 * any depth, which the site's own host rule may not.
 */
export function meetingOnSite(site: SiteDefinition, address: AddressParts): MeetingRef | null {
  if (address.protocol !== 'https:' || !site.hostPattern.test(address.hostname.toLowerCase())) return null;
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
  for (const marker of site.phaseMarkers) if (root.querySelector(marker.selectors.join())) return marker.phase;
  return null;
}
