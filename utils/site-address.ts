import { i18n } from '#i18n';
import type { AddedSite } from './sites/added';

/** A DNS host name with a dot and a top-level name of letters (not an IP address, not `localhost`). */
const hostName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Reads the address the therapist typed ("telehealth.example.org", "https://telehealth.example.org/visit")
 * into the site to add, or says in plain words why it cannot be added. `builtIn` names the built-in
 * site on that host, if there is one.
 */
export function parseSiteAddress(input: string, builtIn: (hostname: string) => string | undefined): { site: AddedSite } | { problem: string } {
  const text = input.trim();
  if (!text) return { problem: i18n.t('sites.addressEmpty') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return { problem: i18n.t('sites.addressNotUrl') };
  }
  if (url.protocol !== 'https:') return { problem: i18n.t('sites.addressNotHttps') };
  if (url.username || url.password) return { problem: i18n.t('sites.addressCredentials') };
  if (url.port) return { problem: i18n.t('sites.addressPort') };
  if (!hostName.test(url.hostname)) return { problem: i18n.t('sites.addressNoHost') };
  const known = builtIn(url.hostname);
  if (known) return { problem: i18n.t('sites.addressBuiltIn', [known]) };
  return { site: { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') } };
}
