import { browser } from '#imports';
import type { GeneratedI18nStructure } from '#i18n';

/**
 * A catalogue message (locales/en.yml) by the browser's own lookup, for the modules the call page's
 * content script imports: it stays small, so it does not load the catalogue module (`#i18n`); it
 * shows no text itself, and these modules' messages reach the therapist through Rapport's pages.
 * The same keys (typed), text and $1… values as `i18n.t`.
 */
export function nativeMessage(key: keyof GeneratedI18nStructure, values: readonly string[] = []): string {
  // The browser's own typing knows only the @@ messages; the key type above is the check.
  return (browser.i18n.getMessage as (name: string, substitutions: string[]) => string)(key.replaceAll('.', '_'), [...values]);
}
