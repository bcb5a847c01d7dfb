import { useSignal } from '@preact/signals';
import type { ProtocolEditor } from './ProtocolEditor';
import { downloadText } from '@/utils/download';
import { makeProtocolFile, parseProtocolFile } from '@/utils/protocol-file';
import { DEFAULT_PROTOCOL_ID, evidenceProtocol, type Protocol, type ProtocolOrigin } from '@/utils/protocols';
import { copyProtocol, freeName } from '@/utils/protocol-edits';
import { useStore } from './useStore';

const originNote = { builtIn: 'as shipped, with its sources', own: '', clinic: 'set by your clinic, read-only' } as const;

const note = (id: string, origin: ProtocolOrigin) => (id === DEFAULT_PROTOCOL_ID && origin === 'own' ? 'the default, as you edited it' : originNote[origin]);

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
    if (reply.ok) say(`Imported as a new protocol, “${reply.value.name}”.`);
    else say(reply.error, true);
  };
  const Editing = editor.value;
  return (
    <section class="card" aria-labelledby="protocols-heading">
      <h2 id="protocols-heading">Checklist protocols</h2>
      <p class="quiet">
        A protocol is the checklist and phrase bank a visit follows. Edit the default, or keep others (a first visit, a follow-up, a discharge) and pick one in the panel.
      </p>
      <div class="field">
        <label for="default-protocol">Protocol for new visits</label>
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
              {protocol.name} {note(protocol.id, origin) && <span class="quiet">({note(protocol.id, origin)})</span>}
            </span>
            <span class="row">
              {origin !== 'clinic' && (
                <button type="button" class="small" aria-label={`Edit: ${protocol.name}`} onClick={() => void edit(protocol)}>
                  Edit
                </button>
              )}
              <button type="button" class="small" aria-label={`Make a copy: ${protocol.name}`} onClick={() => copy(protocol, `${protocol.name} copy`)}>
                Make a copy
              </button>
              <button type="button" class="small" aria-label={`Export: ${protocol.name}`} onClick={() => downloadText(JSON.stringify(makeProtocolFile(protocol), null, 2), `rapport-protocol-${protocol.name.replace(/[^\w-]+/g, '-').toLowerCase()}.json`, 'application/json')}>
                Export
              </button>
              {origin === 'own' && protocol.id !== DEFAULT_PROTOCOL_ID && (
                <button type="button" class="small danger" aria-label={`Delete: ${protocol.name}`} onClick={() => (deleting.value = protocol.id)}>
                  Delete
                </button>
              )}
            </span>
            {deleting.value === protocol.id && (
              <div class="prompt card" role="group" aria-label={`Delete ${protocol.name}?`}>
                <p>Delete “{protocol.name}”? Past visits keep the checklist they used; a visit under way goes on with the protocol for new visits.</p>
                <div class="row">
                  <button
                    type="button"
                    class="danger"
                    onClick={async () => {
                      deleting.value = null;
                      const reply = await actions.remove(protocol.id);
                      say(reply.ok ? `Deleted “${protocol.name}”.` : reply.error, !reply.ok);
                    }}
                  >
                    Delete for good
                  </button>
                  <button type="button" onClick={() => (deleting.value = null)}>
                    Keep it
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div class="row">
        <button type="button" onClick={() => copy(evidenceProtocol, 'New protocol')}>
          New protocol
        </button>
      </div>
      <div class="field">
        <label for="protocol-file">Import a protocol file</label>
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
      {problem.value && (
        <p role="alert" class="notice error">
          {problem.value}
        </p>
      )}
      <p role="status" class="quiet">
        {status.value}
      </p>
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
