import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Visit } from '@/utils/model';
import { readVisitRecord, visitKey } from '@/utils/storage';

/** A visit as the background stored it in the fake browser's storage; fails the test if it is not there and readable. */
export async function storedVisit(id: string): Promise<Visit> {
  const visit = readVisitRecord((await fakeBrowser.storage.local.get(visitKey(id)))[visitKey(id)]);
  if (typeof visit !== 'object') throw new Error(`visit ${id} not stored (${visit})`);
  return visit;
}
