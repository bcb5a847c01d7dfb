import * as v from 'valibot';
import { browser } from '#imports';

/** The sites the therapist added ("Add a site", utils/added-sites.ts), as stored in the `settings` collection. */
/** An HTTPS origin, as `URL.origin` gives it. */
export const HttpsOriginSchema = v.pipe(
  v.string(),
  v.check((value) => {
    const url = URL.parse(value);
    return url?.protocol === 'https:' && url.origin === value;
  }),
);

export const AddedSitesSettingSchema = v.object({
  added: v.array(v.object({ origin: HttpsOriginSchema, pathPrefix: v.string() })),
  /** Sites dropped because the browser no longer lets Rapport on them (taken back in the browser's settings): shown on the options page. */
  revoked: v.array(v.string()),
});
export type AddedSitesSetting = v.InferOutput<typeof AddedSitesSettingSchema>;

/** Its entry id in the `settings` collection. */
export const addedSitesSettingId = 'sites';
export const addedSitesDefaults: AddedSitesSetting = { added: [], revoked: [] };


/** Only where the manifest lets Rapport ask for sites (Chrome; not yet the Firefox build). */
export const canAddSites = () => !!(browser.runtime.getManifest() as { optional_host_permissions?: string[] }).optional_host_permissions?.length;
