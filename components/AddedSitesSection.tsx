import { useSignal } from '@preact/signals';
import { browser } from '#imports';
import { builtInSiteLabel } from '@/utils/sites';
import { parseSiteAddress } from '@/utils/sites/added';
import { useStore } from './useStore';

const siteAddress = (site: { origin: string; pathPrefix: string }) => `${site.origin}${site.pathPrefix}`;

/**
 * "Add a site": the panel on another HTTPS video visit site. The browser asks the therapist to let
 * Rapport on that one site when they add it (never before), and Rapport lets go of it when removed.
 */
export function AddedSitesSection() {
  const store = useStore();
  const address = useSignal('');
  const problem = useSignal('');
  const status = useSignal('');
  const { added, revoked } = store.addedSites.value;

  const add = async (event: Event) => {
    event.preventDefault();
    problem.value = '';
    status.value = '';
    const parsed = parseSiteAddress(address.value, builtInSiteLabel);
    if ('problem' in parsed) return void (problem.value = parsed.problem);
    // Asked at once, inside the therapist's click: the browser shows its prompt only for a gesture.
    const allowed = await browser.permissions.request({ origins: [`${parsed.site.origin}/*`] }).catch(() => false);
    if (!allowed) return void (problem.value = `The site was not added: the browser was not allowed to let Rapport on ${parsed.site.origin}.`);
    const reply = await store.actions.addSite(address.value);
    if (!reply.ok) return void (problem.value = reply.error);
    address.value = '';
    status.value = `Added ${siteAddress(parsed.site)}. Open or reload a visit page there to see the panel.`;
  };

  const remove = async (origin: string) => {
    problem.value = '';
    const reply = await store.actions.removeSite(origin);
    if (reply.ok) status.value = `Removed ${origin}. Rapport no longer runs there.`;
    else problem.value = reply.error;
  };

  return (
    <section class="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Video visit sites</h2>
      <p class="quiet">
        Rapport works on Google Meet, Zoom, Microsoft Teams, Doxy.me and Whereby. To use it on another secure site, add its address;
        the browser asks you to let Rapport on that site only. On an added site every page under the address counts as a visit.
      </p>
      {revoked.length > 0 && (
        <p class="notice">{`The browser no longer lets Rapport on ${revoked.join(', ')}, so it was removed from your sites. Add it again to use it.`}</p>
      )}
      {added.length > 0 && (
        <ul class="added-sites" aria-label="Added sites">
          {added.map((site) => (
            <li key={site.origin}>
              <span>{siteAddress(site)}</span>{' '}
              <button type="button" class="small" aria-label={`Remove ${siteAddress(site)}`} onClick={() => void remove(site.origin)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)}>
        <div class="field">
          <label for="site-address">Site address</label>
          <input
            id="site-address"
            type="text"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder="telehealth.example.org"
            value={address.value}
            onInput={(event) => (address.value = event.currentTarget.value)}
          />
        </div>
        <button type="submit">Add a site</button>
      </form>
      {problem.value && (
        <p role="alert" class="notice error">
          {problem.value}
        </p>
      )}
      <p role="status" class="quiet">
        {status.value}
      </p>
    </section>
  );
}
