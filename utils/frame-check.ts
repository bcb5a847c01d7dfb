import * as v from 'valibot';
import { addedSitesSettingId, AddedSitesSettingSchema } from './added-sites-setting';
import { siteForHost } from './sites';
import { readCollection } from './storage';

function builtInCallPage(origin: string): boolean {
  const url = URL.parse(origin);
  return url?.protocol === 'https:' && siteForHost(url.hostname) !== undefined;
}

/**
 * Whether the panel may show in the frames it is in: every page around it must be a call site Rapport
 * runs on, built in or added by the therapist. The manifest cannot say so for added sites (it lets any
 * HTTPS page frame the panel, given its random address), so the panel checks for itself; a page that
 * learnt the address cannot show the panel, and the patient data in it, inside its own.
 */
export async function framedByCallSite(ancestorOrigins: readonly string[]): Promise<boolean> {
  const others = ancestorOrigins.filter((origin) => !builtInCallPage(origin));
  if (others.length === 0) return true;
  const setting = (await readCollection('settings')).entries[addedSitesSettingId];
  const added = new Set(v.is(AddedSitesSettingSchema, setting) ? setting.added.map((site) => site.origin) : []);
  return others.every((origin) => added.has(origin));
}
