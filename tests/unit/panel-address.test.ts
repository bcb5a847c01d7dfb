import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { panelAddress, readPanelAddress } from '@/utils/panel-address';
import { sendChanges } from '@/utils/send-changes';

describe("the panel frame's address (utils/panel-address.ts)", () => {
  it('carries the meeting and the layout the call page applied, and reads back the same', () => {
    for (const applied of [
      { collapsed: true, inSidePanel: false, followLook: true },
      { collapsed: false, inSidePanel: true, followLook: false },
    ]) {
      const address = panelAddress('zoom:123456789', 'zoom', applied);
      expect(address.startsWith('/panel.html?')).toBe(true);
      expect(readPanelAddress(address.slice(address.indexOf('?')))).toEqual({ meetingKey: 'zoom:123456789', applied });
    }
  });

  it('keeps a meeting key with characters an address reserves', () => {
    const address = panelAddress('site.telehealth.example.org:visit:48&21', 'site.telehealth.example.org', { collapsed: false, inSidePanel: false, followLook: false });
    expect(readPanelAddress(address.slice(address.indexOf('?'))).meetingKey).toBe('site.telehealth.example.org:visit:48&21');
  });

  it('says nothing about the layout when the address lacks a flag or has one it does not know', () => {
    expect(readPanelAddress('?meeting=meet%3Aabc-defg-hij')).toEqual({ meetingKey: 'meet:abc-defg-hij', applied: null });
    expect(readPanelAddress('?meeting=m&collapsed=1&sidePanel=0').applied).toBeNull();
    expect(readPanelAddress('?meeting=m&collapsed=yes&sidePanel=0&followLook=0').applied).toBeNull();
  });
});

describe('sendChanges: the panel tells its call page only what the page does not have', () => {
  it('sends nothing while the value is what the page applied, then each change', () => {
    const value = signal<boolean | undefined>(true);
    const send = vi.fn(() => true);
    const stop = sendChanges(true, () => value.value, send);
    expect(send).not.toHaveBeenCalled();
    value.value = false;
    value.value = true;
    expect(send.mock.calls).toEqual([[false], [true]]);
    stop();
  });

  it('sends at once a value that changed elsewhere before the panel loaded', () => {
    const send = vi.fn(() => true);
    sendChanges(false, () => true, send)();
    expect(send.mock.calls).toEqual([[true]]);
  });

  it('sends the first value when the page said nothing, and waits while the value is not ready', () => {
    const value = signal<string | undefined>(undefined);
    const send = vi.fn(() => true);
    sendChanges(undefined, () => value.value, send);
    expect(send).not.toHaveBeenCalled();
    value.value = 'callSite';
    expect(send.mock.calls).toEqual([['callSite']]);
  });

  it('tries again a value it could not send, once it can', () => {
    const tabKnown = signal(false);
    const value = signal(true);
    const send = vi.fn(() => tabKnown.value);
    sendChanges(false, () => value.value, send);
    expect(send).toHaveBeenCalledTimes(1);
    tabKnown.value = true;
    expect(send).toHaveBeenCalledTimes(2);
    value.value = true;
    tabKnown.value = false;
    tabKnown.value = true;
    expect(send).toHaveBeenCalledTimes(2);
  });
});
