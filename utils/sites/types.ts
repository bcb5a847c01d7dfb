/** Where a call tab is in its meeting, as far as the page shows it. */
export type CallPhase = 'greenRoom' | 'inCall' | 'left' | 'unknown';

/**
 * Everything Rapport knows about one video-call site, kept as data so a site that changes its
 * URLs or DOM is fixed in one place (and proven by that site's fixture test).
 */
export interface SiteDefinition {
  id: string;
  label: string;
  /** Host names the content script runs on, as match patterns. */
  matches: string[];
  /** Decides whether a host belongs to this site (match patterns cannot express "any subdomain or none"). */
  hostPattern: RegExp;
  /** A meeting page's path; the first capture group is the meeting's identity. */
  meetingPath: RegExp;
  /** A page the site shows right after a call ends (not a meeting URL); the panel stays there for the visit just ended. */
  afterCallPath?: RegExp;
  /** Selectors whose presence tells the phase; checked in order, first match wins. */
  phaseMarkers: { phase: Exclude<CallPhase, 'unknown'>; selectors: string[] }[];
}
