import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { commandNames } from '@/utils/shortcuts';

interface Binding {
  name: string;
  description: string;
  shortcut: string;
}

/** Firefox 137+ opens its own "Manage Extension Shortcuts" page; extensions may not open about:addons. */
type FirefoxCommands = { openShortcutSettings?: () => Promise<void> };

/** Each browser-wide command with the key the browser has for it now, in Rapport's order. */
async function currentBindings(): Promise<Binding[]> {
  const known = await browser.commands.getAll();
  return commandNames.flatMap((name) => {
    const command = known.find((candidate) => candidate.name === name);
    return command ? [{ name, description: command.description ?? name, shortcut: command.shortcut ?? '' }] : [];
  });
}

/** The keyboard shortcuts as the browser has them bound, and the way to the browser's page that changes them. */
export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const bindings = useSignal<Binding[] | null>(null);
  const problem = useSignal<string | null>(null);
  const firefox = import.meta.env.FIREFOX;

  async function open() {
    dialog.current?.showModal();
    bindings.value = await currentBindings().catch(() => []);
  }

  async function changeShortcuts() {
    problem.value = null;
    try {
      if (firefox) await (browser.commands as FirefoxCommands).openShortcutSettings!();
      else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    } catch {
      problem.value = firefox
        ? i18n.t('shortcuts.firefoxHowTo')
        : i18n.t('shortcuts.chromeHowTo');
    }
  }

  return (
    <>
      <button type="button" class="icon" aria-label={i18n.t('shortcuts.heading')} title={i18n.t('shortcuts.heading')} aria-haspopup="dialog" onClick={() => void open()}>
        <span aria-hidden="true">?</span>
      </button>
      <dialog ref={dialog} class="shortcuts" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{i18n.t('shortcuts.heading')}</h2>
        <p class="quiet">{i18n.t('shortcuts.intro')}</p>
        {bindings.value === null ? (
          <p class="quiet">{i18n.t('common.loading')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{i18n.t('shortcuts.what')}</th>
                <th scope="col">{i18n.t('shortcuts.keys')}</th>
              </tr>
            </thead>
            <tbody>
              {bindings.value.map((binding) => (
                <tr key={binding.name}>
                  <td>{binding.description}</td>
                  <td>{binding.shortcut ? <kbd>{binding.shortcut}</kbd> : <span class="quiet">{i18n.t('shortcuts.notSet')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="quiet">{firefox ? i18n.t('shortcuts.firefoxWhere') : i18n.t('shortcuts.chromeWhere')}</p>
        {problem.value && <p role="alert">{problem.value}</p>}
        <div class="row">
          <button type="button" onClick={() => void changeShortcuts()}>
            {i18n.t('shortcuts.change')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {i18n.t('common.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
