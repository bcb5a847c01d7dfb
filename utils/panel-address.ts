/*
 * The in-page panel's address, written by its call page's script when it adds the frame: the meeting
 * it shows, and the layout the page applied, so that a panel loading with the same stored values
 * sends the page nothing (three messages fewer on every call page load) and one loading after a
 * change made elsewhere sends just that change (utils/send-changes.ts). The call page's script
 * imports this module: it has no imports of its own.
 */

/** What the call page applied to the panel's frame. */
export interface CallPageLayout {
  collapsed: boolean;
  inSidePanel: boolean;
  followLook: boolean;
}

export function panelAddress(meetingKey: string, siteId: string, applied: CallPageLayout): string {
  const flag = (on: boolean) => (on ? 1 : 0);
  return `/panel.html?meeting=${encodeURIComponent(meetingKey)}&site=${encodeURIComponent(siteId)}&collapsed=${flag(applied.collapsed)}&sidePanel=${flag(applied.inSidePanel)}&followLook=${flag(applied.followLook)}`;
}

/** The meeting and the applied layout read back from the panel's address; null where it does not say. */
export function readPanelAddress(search: string): { meetingKey: string | null; applied: CallPageLayout | null } {
  const params = new URLSearchParams(search);
  const flag = (name: string) => {
    const value = params.get(name);
    return value === '1' ? true : value === '0' ? false : undefined;
  };
  const [collapsed, inSidePanel, followLook] = [flag('collapsed'), flag('sidePanel'), flag('followLook')];
  const applied = collapsed === undefined || inSidePanel === undefined || followLook === undefined ? null : { collapsed, inSidePanel, followLook };
  return { meetingKey: params.get('meeting'), applied };
}
