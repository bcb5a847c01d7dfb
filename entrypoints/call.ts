import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { askBackground } from '@/utils/messages';
import { setAddedSites, siteForHost } from '@/utils/sites';
import { addedSiteDefinition, type AddedSite } from '@/utils/sites/added';

/**
 * The call tab's script: knows the site (meeting, phase, single-page navigation) and places the
 * panel iframe (utils/call-page.ts). It never sees patient data; the panel is an extension page in
 * its own process. The manifest lists it for the built-in sites (wxt.config.ts), the background
 * registers it for added ones (utils/added-sites.ts).
 */
export default defineUnlistedScript(() => {
  const builtIn = siteForHost(location.hostname);
  if (builtIn) return watchCallPage(builtIn);
  // A site the therapist added (registered for its origin by the background, which holds its data).
  void askBackground<AddedSite | null>({ type: 'content/addedSite' }).then((addedSite) => {
    if (!addedSite) return;
    const added = addedSiteDefinition(addedSite);
    setAddedSites([added]);
    watchCallPage(added);
  });
});
