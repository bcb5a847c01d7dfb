import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { browser } from '#imports';
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
        ? 'Open about:addons, choose the gear button, then Manage Extension Shortcuts.'
        : 'Open chrome://extensions/shortcuts in a new tab to change them.';
    }
  }

  return (
    <>
      <button type="button" class="icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts" aria-haspopup="dialog" onClick={() => void open()}>
        <span aria-hidden="true">?</span>
      </button>
      <dialog ref={dialog} class="shortcuts" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <p class="quiet">They work anywhere in the browser while the call tab is in front. A shortcut not set does nothing until you choose its keys.</p>
        {bindings.value === null ? (
          <p class="quiet">Loading…</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Keys</th>
              </tr>
            </thead>
            <tbody>
              {bindings.value.map((binding) => (
                <tr key={binding.name}>
                  <td>{binding.description}</td>
                  <td>{binding.shortcut ? <kbd>{binding.shortcut}</kbd> : <span class="quiet">not set</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="quiet">{firefox ? 'Change them in Firefox’s add-ons page: gear button, Manage Extension Shortcuts.' : 'Change them on the browser’s shortcuts page.'}</p>
        {problem.value && <p role="alert">{problem.value}</p>}
        <div class="row">
          <button type="button" onClick={() => void changeShortcuts()}>
            Change shortcuts
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
