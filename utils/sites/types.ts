/** Where a call tab is in its meeting, as far as the page shows it. */
export type CallPhase = 'greenRoom' | 'inCall' | 'left' | 'unknown';

/** What a meeting is read from: a parsed URL or the page's `location`, which has the same parts. */
export type AddressParts = Pick<URL, 'protocol' | 'hostname' | 'pathname' | 'hash'>;

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
  /** A meeting page's path; the first capture group that matched is the meeting's identity. */
  meetingPath: RegExp;
  /** For single-page apps that keep the meeting in the fragment (Teams' `#/l/meetup-join/...`): tried on `url.hash` when the path is not a meeting. */
  meetingHash?: RegExp;
  /** Turns the captured identity into the meeting's code, e.g. lowercasing case-insensitive room names or adding the subdomain where rooms are per subdomain. */
  normalizeCode?: (code: string, address: AddressParts) => string;
  /**
   * The clinician's one room serves every patient (Doxy.me, a reused Whereby room), so the link
   * says nothing about who the patient is: each visit there starts without one, never with the
   * last patient of that room.
   */
  roomsAreShared?: true;
  /** A page the site shows right after a call ends (not a meeting URL); the panel stays there for the visit just ended. */
  afterCallPath?: RegExp;
  /** Selectors whose presence tells the phase; checked in order, first match wins. */
  phaseMarkers: { phase: Exclude<CallPhase, 'unknown'>; selectors: string[] }[];
}
