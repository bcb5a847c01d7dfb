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
  /** The frame is hidden: side panel mode, or the keyboard hid it (its panel then sends the stored place, as it always did). */
  hidden: boolean;
  followLook: boolean;
}

export function panelAddress(meetingKey: string, applied: CallPageLayout): string {
  const flag = (on: boolean) => (on ? 1 : 0);
  return `/panel.html?meeting=${encodeURIComponent(meetingKey)}&collapsed=${flag(applied.collapsed)}&hidden=${flag(applied.hidden)}&followLook=${flag(applied.followLook)}`;
}

/** The meeting and the applied layout read back from the panel's address; null where it does not say. */
export function readPanelAddress(search: string): { meetingKey: string | null; applied: CallPageLayout | null } {
  const params = new URLSearchParams(search);
  const flag = (name: string) => {
    const value = params.get(name);
    return value === '1' ? true : value === '0' ? false : undefined;
  };
  const [collapsed, hidden, followLook] = [flag('collapsed'), flag('hidden'), flag('followLook')];
  const applied = collapsed === undefined || hidden === undefined || followLook === undefined ? null : { collapsed, hidden, followLook };
  return { meetingKey: params.get('meeting'), applied };
}
