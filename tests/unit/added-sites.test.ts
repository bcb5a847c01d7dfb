import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import * as v from 'valibot';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import { createAddedSites } from '@/utils/added-sites';
import { addedSitesSettingId } from '@/utils/added-sites-setting';
import { framedByCallSite } from '@/utils/frame-check';
import { SafeIdSchema } from '@/utils/message-schemas';
import { builtInSiteLabel, detectPhase, isSharedRoom, meetingFromUrl, setAddedSites } from '@/utils/sites';
import { addedSiteDefinition, type AddedSite } from '@/utils/sites/added';
import { parseSiteAddress } from '@/utils/site-address';
import { readCollection } from '@/utils/storage';

const SITE = 'https://telehealth.example.org';
const parse = (input: string) => parseSiteAddress(input, builtInSiteLabel);

describe('parseSiteAddress', () => {
  it.each([
    ['telehealth.example.org', { origin: SITE, pathPrefix: '' }],
    ['https://telehealth.example.org', { origin: SITE, pathPrefix: '' }],
    ['  https://Telehealth.Example.org/  ', { origin: SITE, pathPrefix: '' }],
    ['https://telehealth.example.org/visit', { origin: SITE, pathPrefix: '/visit' }],
    ['https://telehealth.example.org/visit/?from=email#top', { origin: SITE, pathPrefix: '/visit' }],
    ['telehealth.example.org/Clinic/Rooms', { origin: SITE, pathPrefix: '/Clinic/Rooms' }],
    ['https://xn--bcher-kva.example/', { origin: 'https://xn--bcher-kva.example', pathPrefix: '' }],
  ])('reads %j as an HTTPS origin and a path prefix', (input, site) => {
    expect(parse(input)).toEqual({ site });
  });

  it.each([
    ['nothing', '', 'Type the address of the video visit site, for example telehealth.example.org.'],
    ['plain http', 'http://telehealth.example.org', 'Rapport works only on secure sites, whose address starts with https.'],
    ['another scheme', 'ftp://telehealth.example.org', 'Rapport works only on secure sites, whose address starts with https.'],
    ['a port', 'https://telehealth.example.org:8443/', 'Rapport cannot add an address with a port number (the “:” and digits after the site name).'],
    ['a user name', 'https://me:secret@telehealth.example.org/', 'Leave out any user name or password from the address.'],
    ['an IP address', 'https://192.168.1.20/', 'That address has no site name Rapport can add, such as telehealth.example.org.'],
    ['localhost', 'https://localhost/', 'That address has no site name Rapport can add, such as telehealth.example.org.'],
    ['words', 'my clinic', 'That is not a web address. Type it as it appears in the browser, for example telehealth.example.org.'],
    ['Google Meet', 'https://meet.google.com/abc-defg-hij', 'Google Meet is built in: Rapport already works there.'],
    ['a Zoom subdomain', 'clinic.zoom.us', 'Zoom is built in: Rapport already works there.'],
    ['a Whereby subdomain', 'https://CLINIC.whereby.com', 'Whereby is built in: Rapport already works there.'],
  ])('refuses %s, saying why', (_, input, problem) => {
    expect(parse(input)).toEqual({ problem });
  });
});

describe('an added site as site data', () => {
  const visits = addedSiteDefinition({ origin: SITE, pathPrefix: '/visit' });
  const whole = addedSiteDefinition({ origin: SITE, pathPrefix: '' });
  afterEach(() => setAddedSites([]));

  it.each([
    [`${SITE}/visit/4821`, 'site.telehealth.example.org:visit:4821'],
    [`${SITE}/visit/4821/`, 'site.telehealth.example.org:visit:4821'],
    [`${SITE}/visit/4821?token=abc#video`, 'site.telehealth.example.org:visit:4821'],
    [`${SITE}/visit`, 'site.telehealth.example.org:visit'],
    [`${SITE}/visit/dr%20smith~room`, 'site.telehealth.example.org:visit:dr:20smith:room'],
  ])('makes %s the meeting %s, a storage-safe key', (href, key) => {
    setAddedSites([visits]);
    expect(meetingFromUrl(href)?.key).toBe(key);
    expect(v.is(SafeIdSchema, key)).toBe(true);
  });

  it.each([`${SITE}/`, `${SITE}/visitors`, `${SITE}/portal/visit/1`, 'http://telehealth.example.org/visit/1', 'https://telehealth.example.org.evil.com/visit/1', 'https://example.org/visit/1'])(
    'does not make %s a meeting',
    (href) => {
      setAddedSites([visits]);
      expect(meetingFromUrl(href)).toBeNull();
    },
  );

  it('takes every page but the home page as a meeting when added without a path', () => {
    setAddedSites([whole]);
    expect(meetingFromUrl(`${SITE}/room/abc`)?.key).toBe('site.telehealth.example.org:room:abc');
    expect(meetingFromUrl(`${SITE}/`)).toBeNull();
  });

  it('is not known before it is added, and built-in sites stay first', () => {
    expect(meetingFromUrl(`${SITE}/visit/1`)).toBeNull();
    setAddedSites([visits]);
    expect(meetingFromUrl('https://meet.google.com/abc-defg-hij')?.key).toBe('meet:abc-defg-hij');
  });

  it('is in call while its page is open, and its rooms are shared (each visit starts without a patient)', () => {
    const page = parseHTML('<!doctype html><html><body><main><h1>Your visit</h1></main></body></html>').document as unknown as Document;
    expect(detectPhase(visits, page)).toBe('inCall');
    expect(visits.roomsAreShared).toBe(true);
    // Also where the added site is not loaded (the panel).
    expect(isSharedRoom('site.telehealth.example.org:visit:4821')).toBe(true);
    expect(isSharedRoom('meet:abc-defg-hij')).toBe(false);
  });
});

/** The browser's permission and script registration, as far as Rapport uses them. */
function fakeExtensionApis(granted: Set<string>) {
  const registered = new Map<string, { id: string; matches: string[]; js: string[]; persistAcrossSessions?: boolean }>();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ optional_host_permissions: ['https://*/*'] } as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) => origins.every((origin) => granted.has(origin)));
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
    for (const origin of origins) granted.delete(origin);
    return true;
  });
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => [...registered.values()] as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (scripts) => {
    for (const script of scripts) registered.set(script.id, script as never);
  });
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
    for (const id of filter?.ids ?? []) registered.delete(id);
  });
  return registered;
}

describe('added sites in the background', () => {
  let granted: Set<string>;
  let registered: ReturnType<typeof fakeExtensionApis>;
  let store: ReturnType<typeof createBackgroundStore>;
  let sites: ReturnType<typeof createAddedSites>;
  const stored = async () => (await readCollection('settings')).entries[addedSitesSettingId];

  beforeEach(() => {
    fakeBrowser.reset();
    granted = new Set();
    registered = fakeExtensionApis(granted);
    store = createBackgroundStore(Date);
    sites = createAddedSites(store);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    setAddedSites([]);
  });

  it('adds a site the browser let Rapport on: its call script registered for its origin, kept across sessions, and the site stored', async () => {
    granted.add(`${SITE}/*`);
    await sites.add('telehealth.example.org/visit');
    expect([...registered.values()]).toEqual([
      { id: 'site.telehealth.example.org', matches: [`${SITE}/*`], js: ['call.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    expect(await stored()).toEqual({ added: [{ origin: SITE, pathPrefix: '/visit' }], revoked: [] });
    expect(meetingFromUrl(`${SITE}/visit/1`)?.key).toBe('site.telehealth.example.org:visit:1');
  });

  it('refuses a site the browser did not let Rapport on, and one it cannot add, changing nothing', async () => {
    await expect(sites.add(SITE)).rejects.toThrow(`The browser did not let Rapport on ${SITE}, so it was not added.`);
    await expect(sites.add('http://x.example.org')).rejects.toThrow('Rapport works only on secure sites');
    expect(registered.size).toBe(0);
    expect(await stored()).toBeUndefined();
  });

  it('removes a site: its script unregistered, the browser’s permission given back, the site no longer known', async () => {
    granted.add(`${SITE}/*`);
    await sites.add(SITE);
    await sites.remove(SITE);
    expect(registered.size).toBe(0);
    expect(granted.size).toBe(0);
    expect(await stored()).toEqual({ added: [], revoked: [] });
    expect(meetingFromUrl(`${SITE}/visit/1`)).toBeNull();
  });

  it('at start, registers stored sites again and drops, with a notice, those the browser took back', async () => {
    granted.add(`${SITE}/*`);
    const other: AddedSite = { origin: 'https://video.clinic.example', pathPrefix: '' };
    await fakeBrowser.storage.local.set({ settings: { [addedSitesSettingId]: { added: [{ origin: SITE, pathPrefix: '/visit' }, other], revoked: [] } } });
    await sites.restore();
    expect([...registered.keys()]).toEqual(['site.telehealth.example.org']);
    expect(await stored()).toEqual({ added: [{ origin: SITE, pathPrefix: '/visit' }], revoked: [other.origin] });
    // Running again changes nothing.
    await sites.restore();
    expect([...registered.keys()]).toEqual(['site.telehealth.example.org']);
  });

  it('does nothing at start in a build that cannot add sites (Firefox), where there is no script registration', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({} as never);
    await fakeBrowser.storage.local.set({ settings: { [addedSitesSettingId]: { added: [{ origin: SITE, pathPrefix: '' }], revoked: [] } } });
    await sites.restore();
    expect(fakeBrowser.scripting.getRegisteredContentScripts).not.toHaveBeenCalled();
    expect(await stored()).toEqual({ added: [{ origin: SITE, pathPrefix: '' }], revoked: [] });
  });

  it('tells the call script on an added site what it is, and nothing on a built-in site or an unknown one', async () => {
    granted.add(`${SITE}/*`);
    await sites.add(`${SITE}/visit`);
    const handlers = createHandlers(store, { now: Date.now, newId: () => 'id' }, undefined, sites);
    const ask = (url: string) => handlers.handleMessage({ type: 'content/addedSite' }, { id: fakeBrowser.runtime.id, url, tab: { id: 3 }, frameId: 0 });
    expect(await ask(`${SITE}/visit/1`)).toEqual({ ok: true, value: { origin: SITE, pathPrefix: '/visit' } });
    expect(await ask('https://meet.google.com/abc-defg-hij')).toEqual({ ok: true, value: null });
    expect((await ask('https://elsewhere.example.org/visit/1')).ok).toBe(false);
  });
});

describe('framedByCallSite', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lets the panel show at the top, in a built-in call site, and in an added site; not in any other page', async () => {
    expect(await framedByCallSite([])).toBe(true);
    expect(await framedByCallSite(['https://meet.google.com'])).toBe(true);
    expect(await framedByCallSite([SITE])).toBe(false);
    await fakeBrowser.storage.local.set({ settings: { [addedSitesSettingId]: { added: [{ origin: SITE, pathPrefix: '' }], revoked: [] } } });
    expect(await framedByCallSite([SITE])).toBe(true);
    expect(await framedByCallSite(['http://meet.google.com'])).toBe(false);
    expect(await framedByCallSite(['https://meet.google.com', 'https://evil.example'])).toBe(false);
  });
});
