import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { browser } from '#imports';
import { i18n } from '#i18n';

/** Firefox 137+ opens its own "Manage Extension Shortcuts" page; extensions may not open about:addons. */
type FirefoxCommands = { openShortcutSettings?: () => Promise<void> };

/** Where the browser changes extension shortcuts, and a button that opens it (or says how, when the browser refuses). */
export function ChangeShortcuts({ children }: { children?: ComponentChildren }) {
  const problem = useSignal<string | null>(null);
  const firefox = import.meta.env.FIREFOX;

  async function changeShortcuts() {
    problem.value = null;
    try {
      if (firefox) await (browser.commands as FirefoxCommands).openShortcutSettings!();
      else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    } catch {
      problem.value = firefox ? i18n.t('shortcuts.firefoxHowTo') : i18n.t('shortcuts.chromeHowTo');
    }
  }

  return (
    <>
      <p class="quiet">{firefox ? i18n.t('shortcuts.firefoxWhere') : i18n.t('shortcuts.chromeWhere')}</p>
      {problem.value && <p role="alert">{problem.value}</p>}
      <div class="row">
        <button type="button" onClick={() => void changeShortcuts()}>
          {i18n.t('shortcuts.change')}
        </button>
        {children}
      </div>
    </>
  );
}
