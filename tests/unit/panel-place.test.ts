import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundStore } from '@/utils/background-store';
import { createHandlers } from '@/utils/background-handlers';
import type { Reply } from '@/utils/messages';
import { panelPlaceOf, panelPlaceSettingId } from '@/utils/panel-place';
import { defaultSitePrefs } from '@/utils/panel-geometry';
import { cueDefaults } from '@/utils/cues';
import { readCollection } from '@/utils/storage';

const panelSender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html'), frameId: 0 });
const contentSender = (url = 'https://meet.google.com/abc-defg-hij') => ({ id: fakeBrowser.runtime.id, url, tab: { id: 7 }, frameId: 0 });

describe('panelPlaceOf', () => {
  it('is in the page when nothing, or something unreadable, is stored', () => {
    expect(panelPlaceOf({})).toBe('inPage');
    expect(panelPlaceOf({ [panelPlaceSettingId]: { place: 'floating' } })).toBe('inPage');
    expect(panelPlaceOf({ [panelPlaceSettingId]: 'sidePanel' })).toBe('inPage');
    expect(panelPlaceOf({ cues: cueDefaults })).toBe('inPage');
  });

  it('reads the stored place', () => {
    expect(panelPlaceOf({ [panelPlaceSettingId]: { place: 'sidePanel' } })).toBe('sidePanel');
  });
});

describe('the panel place setting', () => {
  let handlers: ReturnType<typeof createHandlers>;
  beforeEach(() => {
    fakeBrowser.reset();
    const now = () => 1_700_000_000_000;
    handlers = createHandlers(createBackgroundStore({ now }), { now, newId: () => 'id' });
  });
  const send = (message: unknown, sender: object = panelSender()): Promise<Reply> => handlers.handleMessage(message, sender);

  it('is stored by the background for every site, beside the other settings', async () => {
    expect(await send({ type: 'settings/cues', cues: { checkIn: false } })).toMatchObject({ ok: true });
    expect(await send({ type: 'settings/panelPlace', place: 'sidePanel' })).toMatchObject({ ok: true });
    const { entries, unreadable } = await readCollection('settings');
    expect(unreadable).toEqual([]);
    expect(panelPlaceOf(entries)).toBe('sidePanel');
    expect(entries.cues).toEqual({ ...cueDefaults, checkIn: false });
  });

  it('reaches every call site’s content script with its panel position, in the answer to its state report, and switches back', async () => {
    const report = (siteId: string) => ({ type: 'content/callState', state: { siteId, meetingKey: null, phase: 'left' } });
    await send({ type: 'settings/panelPlace', place: 'sidePanel' });
    expect(await send(report('meet'), contentSender())).toEqual({ ok: true, value: { ...defaultSitePrefs, inSidePanel: true, followLook: false } });
    const zoom = await send(report('zoom'), contentSender('https://zoom.us/wc/123456789/join'));
    expect(zoom).toEqual({ ok: true, value: { ...defaultSitePrefs, inSidePanel: true, followLook: false } });
    await send({ type: 'settings/panelPlace', place: 'inPage' });
    expect(await send(report('meet'), contentSender())).toEqual({ ok: true, value: { ...defaultSitePrefs, inSidePanel: false, followLook: false } });
  });

  it('refuses an unknown place, and a call page setting it', async () => {
    expect(await send({ type: 'settings/panelPlace', place: 'popup' })).toMatchObject({ ok: false });
    expect(await send({ type: 'settings/panelPlace', place: 'sidePanel' }, contentSender())).toMatchObject({ ok: false });
    expect(panelPlaceOf((await readCollection('settings')).entries)).toBe('inPage');
  });
});
