import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import { commandBindings } from '@/utils/frame-relay';
import { commandNames } from '@/utils/shortcuts';
import { ChangeShortcuts } from './ChangeShortcuts';

interface Binding {
  name: string;
  description: string;
  shortcut: string;
}

/** Each browser-wide command with the key the browser has for it now, in Rapport's order. */
async function currentBindings(): Promise<Binding[]> {
  const known = await commandBindings();
  return commandNames.flatMap((name) => {
    const command = known.find((candidate) => candidate.name === name);
    return command ? [{ name, description: command.description ?? name, shortcut: command.shortcut ?? '' }] : [];
  });
}

/** The keyboard shortcuts as the browser has them bound, and the way to the browser's page that changes them. */
export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const bindings = useSignal<Binding[] | null>(null);

  async function open() {
    dialog.current?.showModal();
    bindings.value = await currentBindings().catch(() => []);
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
        <ChangeShortcuts>
          <button type="button" onClick={() => dialog.current?.close()}>
            {i18n.t('common.close')}
          </button>
        </ChangeShortcuts>
      </dialog>
    </>
  );
}
