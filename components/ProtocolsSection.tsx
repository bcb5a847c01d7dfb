import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import type { ProtocolEditor } from './ProtocolEditor';
import { downloadText } from '@/utils/download';
import { makeProtocolFile, parseProtocolFile } from '@/utils/protocol-file';
import { DEFAULT_PROTOCOL_ID, evidenceProtocol, type Protocol, type ProtocolOrigin } from '@/utils/protocols';
import { copyProtocol, freeName } from '@/utils/protocol-edits';
import { useStore } from './useStore';
import { ActionOutcome } from './ActionOutcome';

const originNote = { builtIn: 'protocols.originBuiltIn', own: null, clinic: 'protocols.originClinic' } as const;

function note(id: string, origin: ProtocolOrigin): string {
  if (id === DEFAULT_PROTOCOL_ID && origin === 'own') return i18n.t('protocols.originEditedDefault');
  const key = originNote[origin];
  return key ? i18n.t(key) : '';
}

/** The checklist protocols: which one new visits use, and each one to edit, copy, export or delete; import a protocol file. */
export function ProtocolsSection() {
  const store = useStore();
  const { list, defaultId, actions } = store.protocols;
  /** The editor is loaded when first needed, so it never slows the options page's first paint. */
  const editor = useSignal<{ Editor: typeof ProtocolEditor; protocol: Protocol } | null>(null);
  const deleting = useSignal<string | null>(null);
  const status = useSignal('');
  const problem = useSignal('');
  const say = (message: string, isProblem = false) => {
    status.value = isProblem ? '' : message;
    problem.value = isProblem ? message : '';
  };
  const edit = async (protocol: Protocol) => {
    say('');
    const { ProtocolEditor: Editor } = await import('./ProtocolEditor');
    editor.value = { Editor, protocol };
  };
  const names = () => list.value.map((entry) => entry.protocol.name);
  const copy = (protocol: Protocol, name: string) => void edit(copyProtocol(protocol, crypto.randomUUID(), freeName(name, names()), Date.now()));
  const importFile = async (file: File | undefined) => {
    say('');
    if (!file) return;
    const parsed = parseProtocolFile(await file.text());
    if (!parsed.ok) return say(parsed.problem, true);
    const reply = await actions.importFile({ format: 'rapport-protocol', version: 1, protocol: parsed.content });
    if (reply.ok) say(i18n.t('protocols.importedAs', [reply.value.name]));
    else say(reply.error, true);
  };
  const Editing = editor.value;
  return (
    <section class="card" aria-labelledby="protocols-heading">
      <h2 id="protocols-heading">{i18n.t('protocols.heading')}</h2>
      <p class="quiet">{i18n.t('protocols.intro')}</p>
      <div class="field">
        <label for="default-protocol">{i18n.t('protocols.forNewVisits')}</label>
        <select id="default-protocol" value={defaultId.value} onChange={(event) => void actions.setDefault(event.currentTarget.value)}>
          {list.value.map(({ protocol }) => (
            <option key={protocol.id} value={protocol.id}>
              {protocol.name}
            </option>
          ))}
        </select>
      </div>
      <ul class="protocol-list">
        {list.value.map(({ protocol, origin }) => (
          <li key={protocol.id}>
            <span class="grow">
              {protocol.name} {note(protocol.id, origin) && <span class="quiet">{i18n.t('protocols.originNote', [note(protocol.id, origin)])}</span>}
            </span>
            <span class="row">
              {origin !== 'clinic' && (
                <button type="button" class="small" aria-label={i18n.t('protocols.editLabel', [protocol.name])} onClick={() => void edit(protocol)}>
                  {i18n.t('protocols.edit')}
                </button>
              )}
              <button type="button" class="small" aria-label={i18n.t('protocols.copyLabel', [protocol.name])} onClick={() => copy(protocol, i18n.t('protocols.copyName', [protocol.name]))}>
                {i18n.t('protocols.copy')}
              </button>
              <button type="button" class="small" aria-label={i18n.t('protocols.exportLabel', [protocol.name])} onClick={() => downloadText(JSON.stringify(makeProtocolFile(protocol), null, 2), `rapport-protocol-${protocol.name.replace(/[^\w-]+/g, '-').toLowerCase()}.json`, 'application/json')}>
                {i18n.t('protocols.export')}
              </button>
              {origin === 'own' && protocol.id !== DEFAULT_PROTOCOL_ID && (
                <button type="button" class="small danger" aria-label={i18n.t('protocols.deleteLabel', [protocol.name])} onClick={() => (deleting.value = protocol.id)}>
                  {i18n.t('protocols.delete')}
                </button>
              )}
            </span>
            {deleting.value === protocol.id && (
              <div class="prompt card" role="group" aria-label={i18n.t('protocols.deleteGroupLabel', [protocol.name])}>
                <p>{i18n.t('protocols.deleteQuestion', [protocol.name])}</p>
                <div class="row">
                  <button
                    type="button"
                    class="danger"
                    onClick={async () => {
                      deleting.value = null;
                      const reply = await actions.remove(protocol.id);
                      say(reply.ok ? i18n.t('protocols.deleted', [protocol.name]) : reply.error, !reply.ok);
                    }}
                  >
                    {i18n.t('protocols.deleteForGood')}
                  </button>
                  <button type="button" onClick={() => (deleting.value = null)}>
                    {i18n.t('protocols.keepIt')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div class="row">
        <button type="button" onClick={() => copy(evidenceProtocol, i18n.t('protocols.new'))}>
          {i18n.t('protocols.new')}
        </button>
      </div>
      <div class="field">
        <label for="protocol-file">{i18n.t('protocols.importLabel')}</label>
        <input
          id="protocol-file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const input = event.currentTarget;
            void importFile(input.files?.[0]);
            input.value = '';
          }}
        />
      </div>
      <ActionOutcome problem={problem.value} status={status.value} />
      {Editing && (
        <Editing.Editor
          key={Editing.protocol.id}
          initial={Editing.protocol}
          onClose={(saved) => {
            editor.value = null;
            if (saved) say(saved);
          }}
        />
      )}
    </section>
  );
}
