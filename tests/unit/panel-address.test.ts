import { describe, expect, it } from 'vitest';
import { panelAddress, readPanelAddress } from '@/utils/panel-address';

describe("the panel frame's address (utils/panel-address.ts)", () => {
  it('carries the meeting and the layout the call page applied, and reads back the same', () => {
    for (const applied of [
      { collapsed: true, hidden: false, followLook: true },
      { collapsed: false, hidden: true, followLook: false },
    ]) {
      const address = panelAddress('zoom:123456789', applied);
      expect(address.startsWith('/panel.html?')).toBe(true);
      expect(readPanelAddress(address.slice(address.indexOf('?')))).toEqual({ meetingKey: 'zoom:123456789', applied });
    }
  });

  it('keeps a meeting key with characters an address reserves', () => {
    const address = panelAddress('site.telehealth.example.org:visit:48&21', { collapsed: false, hidden: false, followLook: false });
    expect(readPanelAddress(address.slice(address.indexOf('?'))).meetingKey).toBe('site.telehealth.example.org:visit:48&21');
  });

  it('says nothing about the layout when the address lacks a flag or has one it does not know', () => {
    expect(readPanelAddress('?meeting=meet%3Aabc-defg-hij')).toEqual({ meetingKey: 'meet:abc-defg-hij', applied: null });
    expect(readPanelAddress('?meeting=m&collapsed=1&hidden=0').applied).toBeNull();
    expect(readPanelAddress('?meeting=m&collapsed=yes&hidden=0&followLook=0').applied).toBeNull();
  });
});
