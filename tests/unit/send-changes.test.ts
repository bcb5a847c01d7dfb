import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { sendChanges } from '@/utils/send-changes';

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
    // Sent now: the tab going unknown and known again sends nothing more.
    tabKnown.value = false;
    tabKnown.value = true;
    expect(send).toHaveBeenCalledTimes(2);
  });
});
