import * as v from 'valibot';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { StoreError, type BackgroundStore } from './background-store';
import { builtInSiteLabel, setAddedSites } from './sites';
import { addedSiteDefinition, addedSiteId, type AddedSite } from './sites/added';
import { parseSiteAddress } from './site-address';
import { addedSitesDefaults, addedSitesSettingId, AddedSitesSettingSchema, canAddSites, type AddedSitesSetting } from './added-sites-setting';
import { CALL_SCRIPT } from './call-script';

const originPattern = (origin: string) => `${origin}/*`;

/**
 * "Add a site", in the background: the options page asks the browser for the origin (the therapist's
 * click is the permission prompt's gesture) and then sends `sites/add`; this registers the call
 * script there, keeps the site in `settings/sites`, and keeps the sites this worker recognises in step.
 */
export function createAddedSites(store: BackgroundStore) {
  function read(entry: unknown): AddedSitesSetting {
    return v.is(AddedSitesSettingSchema, entry) ? entry : addedSitesDefaults;
  }

  async function stored(): Promise<AddedSitesSetting> {
    return store.transact(['settings'], (tx) => read(tx.get('settings', addedSitesSettingId)));
  }

  /** Registered call scripts match the list: one per site, none for a site no longer added. */
  async function syncScripts(added: AddedSite[]): Promise<void> {
    setAddedSites(added.map(addedSiteDefinition));
    const wanted = new Map(added.map((site) => [addedSiteId(site.origin), site]));
    const registered = await browser.scripting.getRegisteredContentScripts();
    const stale = registered.filter((script) => !wanted.has(script.id) || script.matches?.join() !== originPattern(wanted.get(script.id)!.origin));
    if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
    const present = new Set(registered.filter((script) => !stale.includes(script)).map((script) => script.id));
    const missing = added.filter((site) => !present.has(addedSiteId(site.origin)));
    if (missing.length) {
      await browser.scripting.registerContentScripts(
        missing.map((site) => ({ id: addedSiteId(site.origin), matches: [originPattern(site.origin)], js: [CALL_SCRIPT], runAt: 'document_idle' as const, persistAcrossSessions: true })),
      );
    }
  }

  const granted = (origin: string) => browser.permissions.contains({ origins: [originPattern(origin)] });

  /** At each start, and when the browser takes a site back: sites Rapport may no longer run on are dropped, with a notice. */
  async function restore(): Promise<void> {
    if (!canAddSites()) return;
    const setting = await stored();
    const kept: AddedSite[] = [];
    const revoked: AddedSite[] = [];
    for (const site of setting.added) ((await granted(site.origin)) ? kept : revoked).push(site);
    if (revoked.length) {
      await store.transact(['settings'], (tx) =>
        tx.put('settings', addedSitesSettingId, { added: kept, revoked: [...new Set([...read(tx.get('settings', addedSitesSettingId)).revoked, ...revoked.map((site) => site.origin)])] }),
      );
    }
    await syncScripts(kept);
  }

  async function add(address: string): Promise<AddedSite> {
    const parsed = parseSiteAddress(address, builtInSiteLabel);
    if ('problem' in parsed) throw new StoreError(parsed.problem);
    const { site } = parsed;
    if (!(await granted(site.origin))) throw new StoreError(i18n.t('sites.browserRefused', [site.origin]));
    const added = await store.transact(['settings'], (tx) => {
      const setting = read(tx.get('settings', addedSitesSettingId));
      const list = [...setting.added.filter((other) => other.origin !== site.origin), site];
      tx.put('settings', addedSitesSettingId, { added: list, revoked: setting.revoked.filter((origin) => origin !== site.origin) });
      return list;
    });
    await syncScripts(added);
    return site;
  }

  async function remove(origin: string): Promise<void> {
    const added = await store.transact(['settings'], (tx) => {
      const setting = read(tx.get('settings', addedSitesSettingId));
      const list = setting.added.filter((site) => site.origin !== origin);
      tx.put('settings', addedSitesSettingId, { added: list, revoked: setting.revoked.filter((other) => other !== origin) });
      return list;
    });
    await syncScripts(added);
    // A built-in site's origin is never taken back: the manifest grants those.
    if (!builtInSiteLabel(new URL(origin).hostname)) await browser.permissions.remove({ origins: [originPattern(origin)] });
  }

  /** What the call script on an added site needs to know about it (null on a built-in site). */
  async function siteData(siteId: string): Promise<AddedSite | null> {
    return (await stored()).added.find((site) => addedSiteId(site.origin) === siteId) ?? null;
  }

  return { restore, add, remove, siteData };
}
export type AddedSites = ReturnType<typeof createAddedSites>;
