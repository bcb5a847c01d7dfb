import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCollection } from '@/utils/storage';

describe('fake browser', () => {
  it('reads an empty collection', async () => {
    fakeBrowser.reset();
    expect(await readCollection('patients')).toEqual({ entries: {}, unreadable: [], problem: null });
  });
});
