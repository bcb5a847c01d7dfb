import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { SafeIdSchema } from '@/utils/message-schemas';
import { parseHTML } from 'linkedom';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { callSiteMatches, detectPhase, meetingFromUrl, meetingOnSite, siteById, siteForHost, sites, type CallPhase } from '@/utils/sites';
import { meet } from '@/utils/sites/meet';
import { zoom } from '@/utils/sites/zoom';
import { teams } from '@/utils/sites/teams';
import { doxy } from '@/utils/sites/doxy';
import { whereby } from '@/utils/sites/whereby';

const fixtureDir = new URL('../fixtures/sites/', import.meta.url);

function fixture(name: string): Document {
  return parseHTML(readFileSync(new URL(name, fixtureDir), 'utf8')).document as unknown as Document;
}

describe('meetingFromUrl: Google Meet', () => {
  it.each([
    'https://meet.google.com/abc-defg-hij',
    'https://meet.google.com/abc-defg-hij?authuser=0',
    'https://meet.google.com/abc-defg-hij/',
    'https://meet.google.com/_meet/abc-defg-hij',
    'https://meet.google.com/abc-defg-hij?authuser=1&hs=122#fragment',
  ])('recognises %s as meeting meet:abc-defg-hij', (href) => {
    const meeting = meetingFromUrl(href);
    expect(meeting?.site).toBe(meet);
    expect(meeting?.code).toBe('abc-defg-hij');
    expect(meeting?.key).toBe('meet:abc-defg-hij');
  });

  it.each([
    ['the home page', 'https://meet.google.com/'],
    ['the landing page', 'https://meet.google.com/landing'],
    ['a truncated code', 'https://meet.google.com/abc-defg'],
    ['a code with a wrong group length', 'https://meet.google.com/abcd-efg-hij'],
    ['a lookup path', 'https://meet.google.com/lookup/foo'],
    ['a code followed by more path', 'https://meet.google.com/abc-defg-hij/extra'],
    ['plain http', 'http://meet.google.com/abc-defg-hij'],
    ['a look-alike host', 'https://meet.google.com.evil.com/abc-defg-hij'],
    ['another Google host', 'https://google.com/abc-defg-hij'],
    ['a sub-domain of meet', 'https://x.meet.google.com/abc-defg-hij'],
    ['text that is not a URL', 'abc-defg-hij'],
    ['an empty string', ''],
  ])('does not treat %s as a meeting (%s)', (_what, href) => {
    expect(meetingFromUrl(href)).toBeNull();
  });
});

describe('meetingFromUrl: Zoom web client', () => {
  it.each([
    ['https://app.zoom.us/wc/123456789/join', 'zoom:123456789'],
    ['https://zoom.us/wc/join/12345678901', 'zoom:12345678901'],
    ['https://us02web.zoom.us/wc/98765432100/start', 'zoom:98765432100'],
    ['https://clinic.zoom.us/wc/123456789/join?pwd=x', 'zoom:123456789'],
    ['https://zoom.us/wc/1234567890', 'zoom:1234567890'],
    ['https://zoom.us/wc/1234567890/join/', 'zoom:1234567890'],
  ])('recognises %s as meeting %s', (href, key) => {
    const meeting = meetingFromUrl(href);
    expect(meeting?.site).toBe(zoom);
    expect(meeting?.key).toBe(key);
    expect(meeting?.code).toBe(key.slice('zoom:'.length));
  });

  it.each([
    ['the home page', 'https://zoom.us/'],
    ['the desktop-app launcher', 'https://zoom.us/j/123456789'],
    ['the web client home', 'https://zoom.us/wc/home'],
    ['the page after leaving', 'https://zoom.us/wc/leave'],
    ['a too-short id', 'https://zoom.us/wc/12345678/join'],
    ['a too-long id', 'https://zoom.us/wc/123456789012/join'],
    ['an unknown action', 'https://zoom.us/wc/123456789/leave'],
    ['a host that only ends in "zoom.us"', 'https://notzoom.us/wc/123456789/join'],
    ['a look-alike host', 'https://zoom.us.evil.com/wc/123456789/join'],
    ['plain http', 'http://zoom.us/wc/123456789/join'],
  ])('does not treat %s as a meeting (%s)', (_what, href) => {
    expect(meetingFromUrl(href)).toBeNull();
  });
});

const THREAD = '19%3ameeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk%40thread.v2';
const THREAD_KEY = 'teams:meeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk';

describe('meetingFromUrl: Microsoft Teams', () => {
  it.each([
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=%7b%22Tid%22%3a%22x%22%7d`, THREAD_KEY],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD.replace('%3a', '%3A')}`, THREAD_KEY],
    [`https://teams.microsoft.com/l/meetup-join/19:meeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk@thread.v2/0`, THREAD_KEY],
    [`https://teams.microsoft.com/_#/l/meetup-join/${THREAD}/0?context=%7b%7d&anon=true`, THREAD_KEY],
    [`https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${THREAD}/0?context=%7b%7d`, THREAD_KEY],
    ['https://teams.microsoft.com/meet/2345678901234?p=AbCdEf', 'teams:2345678901234'],
    ['https://teams.live.com/meet/9388372946789?p=xYz12', 'teams:9388372946789'],
    ['https://teams.live.com/meet/9388372946789/', 'teams:9388372946789'],
  ])('recognises %s as meeting %s', (href, key) => {
    const meeting = meetingFromUrl(href);
    expect(meeting?.site).toBe(teams);
    expect(meeting?.key).toBe(key);
  });

  it.each([
    ['the app home', 'https://teams.microsoft.com/'],
    ['the new Teams app without a meeting', 'https://teams.microsoft.com/v2/'],
    ['a chat in the app', 'https://teams.microsoft.com/_#/conversations/19:abc@thread.v2?ctx=chat'],
    ['the join launcher chooser', `https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F${THREAD}&type=meetup-join`],
    ['a channel thread, not a meeting', 'https://teams.microsoft.com/l/meetup-join/19%3aabcdef%40thread.tacv2/0'],
    ['a too-short meeting ID', 'https://teams.live.com/meet/12345678'],
    ['a meeting ID with letters', 'https://teams.live.com/meet/93883729abc'],
    ['teams.live.com home', 'https://teams.live.com/'],
    ['a look-alike host', `https://teams.microsoft.com.evil.com/l/meetup-join/${THREAD}/0`],
    ['another Microsoft host', 'https://microsoft.com/meet/2345678901234'],
    ['plain http', 'http://teams.live.com/meet/9388372946789'],
  ])('does not treat %s as a meeting (%s)', (_what, href) => {
    expect(meetingFromUrl(href)).toBeNull();
  });
});

describe('meetingFromUrl: Doxy.me', () => {
  it.each([
    ['https://doxy.me/drexample', 'doxy:drexample'],
    ['https://doxy.me/DrExample', 'doxy:drexample'],
    ['https://doxy.me/drexample/', 'doxy:drexample'],
    ['https://doxy.me/clinic42?utm_source=email', 'doxy:clinic42'],
  ])('recognises %s as meeting %s', (href, key) => {
    const meeting = meetingFromUrl(href);
    expect(meeting?.site).toBe(doxy);
    expect(meeting?.key).toBe(key);
  });

  it.each([
    ['the home page', 'https://doxy.me/'],
    ['the sign-in page', 'https://doxy.me/sign-in'],
    ['the sign-up page', 'https://doxy.me/sign-up'],
    ['the dashboard', 'https://doxy.me/account/dashboard'],
    ['the account root', 'https://doxy.me/account'],
    ['a marketing page', 'https://doxy.me/en/pricing/'],
    ['a path with more segments', 'https://doxy.me/drexample/extra'],
    ['a look-alike host', 'https://doxy.me.evil.com/drexample'],
    ['a sub-domain', 'https://x.doxy.me/drexample'],
    ['plain http', 'http://doxy.me/drexample'],
  ])('does not treat %s as a meeting (%s)', (_what, href) => {
    expect(meetingFromUrl(href)).toBeNull();
  });
});

describe('meetingFromUrl: Whereby', () => {
  it.each([
    ['https://whereby.com/dr-example', 'whereby:dr-example'],
    ['https://whereby.com/Dr-Example/', 'whereby:dr-example'],
    ['https://whereby.com/dr-example?roomKey=abc123', 'whereby:dr-example'],
    ['https://clinic.whereby.com/dr-example', 'whereby:clinic:dr-example'],
    ['https://Clinic.whereby.com/room-1', 'whereby:clinic:room-1'],
    ['https://www.whereby.com/dr-example', 'whereby:dr-example'],
  ])('recognises %s as meeting %s', (href, key) => {
    const meeting = meetingFromUrl(href);
    expect(meeting?.site).toBe(whereby);
    expect(meeting?.key).toBe(key);
  });

  it.each([
    ['the home page', 'https://whereby.com/'],
    ['the account page', 'https://whereby.com/user'],
    ['an account sub-page', 'https://whereby.com/user/settings'],
    ['an information page', 'https://whereby.com/information/pricing'],
    ['the information root', 'https://whereby.com/information'],
    ['an organisation page', 'https://whereby.com/org/clinic/rooms'],
    ['a subdomain home page', 'https://clinic.whereby.com/'],
    ['a subdomain organisation page', 'https://clinic.whereby.com/org/settings'],
    ['a host that only ends in "whereby.com"', 'https://notwhereby.com/dr-example'],
    ['a look-alike host', 'https://whereby.com.evil.com/dr-example'],
    ['plain http', 'http://whereby.com/dr-example'],
  ])('does not treat %s as a meeting (%s)', (_what, href) => {
    expect(meetingFromUrl(href)).toBeNull();
  });
});

describe('meeting keys', () => {
  it('gives one Meet meeting the same key whichever URL form reached it', () => {
    const keys = new Set(
      [
        'https://meet.google.com/abc-defg-hij',
        'https://meet.google.com/abc-defg-hij?authuser=0',
        'https://meet.google.com/abc-defg-hij/',
        'https://meet.google.com/_meet/abc-defg-hij?authuser=2',
      ].map((href) => meetingFromUrl(href)?.key),
    );
    expect([...keys]).toEqual(['meet:abc-defg-hij']);
  });

  it('gives one Zoom meeting the same key on any Zoom host and in the old and new web client paths', () => {
    const keys = new Set(
      [
        'https://app.zoom.us/wc/123456789/join',
        'https://zoom.us/wc/join/123456789',
        'https://us02web.zoom.us/wc/123456789/start',
        'https://clinic.zoom.us/wc/123456789/join?pwd=x',
      ].map((href) => meetingFromUrl(href)?.key),
    );
    expect([...keys]).toEqual(['zoom:123456789']);
  });

  it('gives one Teams meeting the same key from its join link and from the web app fragment', () => {
    const keys = new Set(
      [
        `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=%7b%7d`,
        `https://teams.microsoft.com/l/meetup-join/19:meeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk@thread.v2/0`,
        `https://teams.microsoft.com/_#/l/meetup-join/${THREAD}/0?context=%7b%7d`,
        `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${THREAD}/0`,
      ].map((href) => meetingFromUrl(href)?.key),
    );
    expect([...keys]).toEqual([THREAD_KEY]);
  });

  it('keys Doxy.me and Whereby rooms case-insensitively, and Whereby rooms per subdomain', () => {
    expect(meetingFromUrl('https://doxy.me/DrExample')?.key).toBe(meetingFromUrl('https://doxy.me/drexample/')?.key);
    expect(meetingFromUrl('https://whereby.com/Dr-Example')?.key).toBe(meetingFromUrl('https://whereby.com/dr-example?roomKey=x')?.key);
    expect(meetingFromUrl('https://clinic.whereby.com/dr-example')?.key).not.toBe(meetingFromUrl('https://whereby.com/dr-example')?.key);
    expect(meetingFromUrl('https://clinic.whereby.com/dr-example')?.key).not.toBe(meetingFromUrl('https://other.whereby.com/dr-example')?.key);
  });

  it('makes every key a storage id the panel may send (letters, digits and _ . : - only)', () => {
    const hrefs = [
      'https://meet.google.com/abc-defg-hij',
      'https://clinic.zoom.us/wc/123456789/join',
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
      'https://teams.live.com/meet/9388372946789',
      'https://doxy.me/DrExample',
      'https://whereby.com/dr-example',
      'https://clinic.whereby.com/dr-example',
    ];
    for (const href of hrefs) expect(v.is(SafeIdSchema, meetingFromUrl(href)?.key), href).toBe(true);
  });

  it('gives different meetings different keys', () => {
    expect(meetingFromUrl('https://meet.google.com/abc-defg-hij')?.key).not.toBe(meetingFromUrl('https://meet.google.com/xyz-wxyz-xyz')?.key);
    expect(meetingFromUrl('https://zoom.us/wc/123456789/join')?.key).not.toBe(meetingFromUrl('https://zoom.us/wc/123456780/join')?.key);
  });
});

describe("meetingOnSite: a site's call script reads its own location, already taken apart", () => {
  // Location has the same parts as URL; a plain object stands in for it here.
  const parts = (href: string) => {
    const { protocol, hostname, pathname, hash } = new URL(href);
    return { protocol, hostname, pathname, hash };
  };

  it.each([
    'https://meet.google.com/abc-defg-hij?authuser=1#fragment',
    'https://us02web.zoom.us/wc/join/123456789',
    'https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19%3ameeting_AbC123%40thread.v2/0',
    'https://acme.whereby.com/Room-1',
    'https://meet.google.com/landing',
    'http://meet.google.com/abc-defg-hij',
  ])('finds what meetingFromUrl finds in %s, on the site of its host', (href) => {
    const site = siteForHost(new URL(href).hostname)!;
    expect(meetingOnSite(site, parts(href))).toEqual(meetingFromUrl(href));
  });

  it("finds no meeting where the manifest's match pattern reaches but the site's host rule does not", () => {
    // `https://*.whereby.com/*` runs Whereby's script on a.b.whereby.com, which is no Whereby host.
    expect(meetingOnSite(whereby, parts('https://a.b.whereby.com/room'))).toBeNull();
    expect(meetingOnSite(whereby, parts('https://acme.whereby.com/room'))?.key).toBe('whereby:acme:room');
    expect(meetingOnSite(zoom, parts('https://meet.google.com/wc/123456789/join'))).toBeNull();
  });
});

describe('siteForHost and siteById', () => {
  it.each([
    ['meet.google.com', 'meet'],
    ['MEET.Google.com', 'meet'],
    ['zoom.us', 'zoom'],
    ['app.zoom.us', 'zoom'],
    ['us02web.zoom.us', 'zoom'],
    ['clinic.zoom.us', 'zoom'],
    ['teams.microsoft.com', 'teams'],
    ['teams.live.com', 'teams'],
    ['doxy.me', 'doxy'],
    ['whereby.com', 'whereby'],
    ['clinic.whereby.com', 'whereby'],
  ])('finds the site for %s', (host, id) => {
    expect(siteForHost(host)?.id).toBe(id);
  });

  it.each(['google.com', 'meet.google.com.evil.com', 'notzoom.us', 'zoom.us.evil.com', 'example.com', 'microsoft.com', 'teams.microsoft.com.evil.com', 'x.doxy.me', 'notwhereby.com', 'a.b.whereby.com', ''])('finds no site for %j', (host) => {
    expect(siteForHost(host)).toBeUndefined();
  });

  it('finds a site by its id and nothing for an unknown id', () => {
    expect(siteById('meet')).toBe(meet);
    expect(siteById('zoom')).toBe(zoom);
    expect(siteById('teams')).toBe(teams);
    expect(siteById('doxy')).toBe(doxy);
    expect(siteById('whereby')).toBe(whereby);
    expect(siteById('webex')).toBeUndefined();
  });

  it('has unique site ids', () => {
    const ids = sites.map((site) => site.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('callSiteMatches (the content script and panel match patterns)', () => {
  it('contains every site’s match patterns', () => {
    expect(callSiteMatches).toEqual(expect.arrayContaining([
        'https://meet.google.com/*',
        'https://zoom.us/*',
        'https://*.zoom.us/*',
        'https://teams.microsoft.com/*',
        'https://teams.live.com/*',
        'https://doxy.me/*',
        'https://whereby.com/*',
        'https://*.whereby.com/*',
      ]),
    );
    for (const site of sites) expect(callSiteMatches).toEqual(expect.arrayContaining(site.matches));
  });

  it('covers every URL that is recognised as a meeting, so the content script runs there', () => {
    const patterns = callSiteMatches.map((pattern) => new MatchPattern(pattern));
    const meetingUrls = [
      'https://meet.google.com/abc-defg-hij',
      'https://meet.google.com/_meet/abc-defg-hij?authuser=0',
      'https://app.zoom.us/wc/123456789/join',
      'https://zoom.us/wc/join/12345678901',
      'https://us02web.zoom.us/wc/98765432100/start',
      'https://clinic.zoom.us/wc/123456789/join?pwd=x',
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=%7b%7d`,
      `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${THREAD}/0`,
      'https://teams.microsoft.com/meet/2345678901234?p=AbCdEf',
      'https://teams.live.com/meet/9388372946789?p=xYz12',
      'https://doxy.me/drexample',
      'https://whereby.com/dr-example',
      'https://clinic.whereby.com/dr-example',
    ];
    for (const href of meetingUrls) {
      expect(meetingFromUrl(href), href).not.toBeNull();
      expect(
        patterns.some((pattern) => pattern.includes(href)),
        href,
      ).toBe(true);
    }
  });

  it('does not cover look-alike hosts', () => {
    const patterns = callSiteMatches.map((pattern) => new MatchPattern(pattern));
    for (const href of ['https://meet.google.com.evil.com/abc-defg-hij', 'https://notzoom.us/wc/123456789/join', 'https://zoom.us.evil.com/wc/1/join',
      'https://teams.microsoft.com.evil.com/meet/2345678901234',
      'https://doxy.me.evil.com/drexample',
      'https://whereby.com.evil.com/dr-example',
      'https://notwhereby.com/dr-example',
    ]) {
      expect(
        patterns.some((pattern) => pattern.includes(href)),
        href,
      ).toBe(false);
    }
  });
});

/** Every fixture page and the phase it proves; null means Rapport must not guess. */
const fixturePhases: { file: string; site: typeof meet; phase: Exclude<CallPhase, 'unknown'> | null }[] = [
  { file: 'meet-home.html', site: meet, phase: null },
  { file: 'meet-green-room.html', site: meet, phase: 'greenRoom' },
  { file: 'meet-green-room-ask.html', site: meet, phase: 'greenRoom' },
  { file: 'meet-in-call.html', site: meet, phase: 'inCall' },
  { file: 'meet-left.html', site: meet, phase: 'left' },
  { file: 'meet-changed-dom.html', site: meet, phase: null },
  { file: 'zoom-preview.html', site: zoom, phase: 'greenRoom' },
  { file: 'zoom-in-call.html', site: zoom, phase: 'inCall' },
  { file: 'zoom-left.html', site: zoom, phase: null },
  { file: 'teams-pre-join.html', site: teams, phase: 'greenRoom' },
  { file: 'teams-in-call.html', site: teams, phase: 'inCall' },
  { file: 'teams-left.html', site: teams, phase: 'left' },
  { file: 'teams-chat.html', site: teams, phase: null },
  { file: 'doxy-check-in.html', site: doxy, phase: 'greenRoom' },
  { file: 'doxy-in-call.html', site: doxy, phase: 'inCall' },
  { file: 'doxy-dashboard.html', site: doxy, phase: null },
  { file: 'whereby-pre-call.html', site: whereby, phase: 'greenRoom' },
  { file: 'whereby-in-call.html', site: whereby, phase: 'inCall' },
  { file: 'whereby-left.html', site: whereby, phase: 'left' },
];

describe('detectPhase on pages modelled on the real sites', () => {
  it.each(fixturePhases)('reads $file as $phase', ({ file, site, phase }) => {
    expect(detectPhase(site, fixture(file))).toBe(phase);
  });

  it('lists every fixture file in tests/fixtures/sites', () => {
    const files = readdirSync(fixtureDir).filter((name) => name.endsWith('.html'));
    expect(files.sort()).toEqual(fixturePhases.map(({ file }) => file).sort());
  });

  it.each(sites.map((site) => [site.id, site] as const))('has a fixture proving each phase %s can report', (_id, site) => {
    const proven = new Set(fixturePhases.filter((entry) => entry.site === site).map((entry) => entry.phase));
    for (const marker of site.phaseMarkers) expect(proven, `${site.id} ${marker.phase}`).toContain(marker.phase);
  });

  it('takes the first matching marker when a page shows several (in call beats a leftover join button)', () => {
    const { document } = parseHTML(
      '<html><body><button aria-label="Join now">Join now</button><button aria-label="Leave call">Leave</button></body></html>',
    );
    expect(detectPhase(meet, document as unknown as Document)).toBe('inCall');
  });

  it('reads nothing from an empty page', () => {
    const { document } = parseHTML('<html><body></body></html>');
    expect(detectPhase(meet, document as unknown as Document)).toBeNull();
    expect(detectPhase(zoom, document as unknown as Document)).toBeNull();
  });

  it('does not read one site’s markers as another’s', () => {
    expect(detectPhase(zoom, fixture('meet-in-call.html'))).toBeNull();
    expect(detectPhase(meet, fixture('zoom-in-call.html'))).toBeNull();
    expect(detectPhase(zoom, fixture('teams-in-call.html'))).toBeNull();
    expect(detectPhase(doxy, fixture('whereby-in-call.html'))).toBeNull();
    expect(detectPhase(whereby, fixture('doxy-in-call.html'))).toBeNull();
    expect(detectPhase(teams, fixture('doxy-in-call.html'))).toBeNull();
  });
});

describe('after the call', () => {
  it('knows Zoom’s leave page, where the panel stays to end the visit; Meet keeps its meeting URL', () => {
    expect(zoom.afterCallPath?.test('/wc/leave')).toBe(true);
    expect(zoom.afterCallPath?.test('/wc/123456789/join')).toBe(false);
    expect(meetingFromUrl('https://app.zoom.us/wc/leave')).toBeNull();
    expect(meet.afterCallPath).toBeUndefined();
  });
});
