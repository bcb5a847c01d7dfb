import { useSignal } from '@preact/signals';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { builtInSiteLabel } from '@/utils/sites';
import { parseSiteAddress } from '@/utils/site-address';
import { useStore } from './useStore';
import { ActionOutcome } from './ActionOutcome';

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
    if (!allowed) return void (problem.value = i18n.t('sites.notAllowed', [parsed.site.origin]));
    const reply = await store.actions.addSite(address.value);
    if (!reply.ok) return void (problem.value = reply.error);
    address.value = '';
    status.value = i18n.t('sites.added', [siteAddress(parsed.site)]);
  };

  const remove = async (origin: string) => {
    problem.value = '';
    const reply = await store.actions.removeSite(origin);
    if (reply.ok) status.value = i18n.t('sites.removed', [origin]);
    else problem.value = reply.error;
  };

  return (
    <section class="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{i18n.t('sites.heading')}</h2>
      <p class="quiet">{i18n.t('sites.intro')}</p>
      {revoked.length > 0 && (
        <p class="notice">{i18n.t('sites.revoked', [revoked.join(', ')])}</p>
      )}
      {added.length > 0 && (
        <ul class="added-sites" aria-label={i18n.t('sites.listLabel')}>
          {added.map((site) => (
            <li key={site.origin}>
              <span>{siteAddress(site)}</span>{' '}
              <button type="button" class="small" aria-label={i18n.t('sites.removeSite', [siteAddress(site)])} onClick={() => void remove(site.origin)}>
                {i18n.t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)}>
        <div class="field">
          <label for="site-address">{i18n.t('sites.addressLabel')}</label>
          <input
            id="site-address"
            type="text"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder={i18n.t('sites.addressPlaceholder')}
            value={address.value}
            onInput={(event) => (address.value = event.currentTarget.value)}
          />
        </div>
        <button type="submit">{i18n.t('sites.add')}</button>
      </form>
      <ActionOutcome problem={problem.value} status={status.value} />
    </section>
  );
}
