import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { askBackground } from '@/utils/messages';
import { addedSiteDefinition, type AddedSite } from '@/utils/sites/added';

/**
 * The call tab's script on a site the therapist added: the background registers it for that site's
 * origin (utils/added-sites.ts) and holds the site's data, which it hands only to pages of that origin.
 * Built-in sites have a script each (entrypoints/call-<site>.ts).
 */
export default defineUnlistedScript(() => {
  void askBackground<AddedSite | null>({ type: 'content/addedSite' }).then((addedSite) => {
    if (addedSite) watchCallPage(addedSiteDefinition(addedSite));
  });
});
