import { useSignal } from '@preact/signals';
import { i18n } from '#i18n';
import { checkProtocol, type Protocol } from '@/utils/protocols';
import { editProtocol } from '@/utils/protocol-edits';
import { ProtocolSectionEditor } from './ProtocolSectionEditor';
import { useStore } from './useStore';
import { ActionOutcome } from './ActionOutcome';

const newId = () => crypto.randomUUID();

/**
 * Edits one protocol as a draft: the checklist's sections and practices, which answers they save,
 * and the phrase bank. Nothing is stored until it is saved whole (checked first, the first problem
 * named); a running call's panel then shows the change at once.
 */
export function ProtocolEditor({ initial, onClose }: { initial: Protocol; onClose(saved: string | null): void }) {
  const store = useStore();
  const draft = useSignal(initial);
  const problem = useSignal('');
  const note = useSignal('');
  /** Bumped on reset, so the phrase boxes (kept as typed until they lose focus) show the reset phrases. */
  const resets = useSignal(0);
  const change = (edit: (protocol: Protocol) => Protocol) => {
    draft.value = edit(draft.value);
    problem.value = '';
    note.value = '';
  };
  const save = async () => {
    const checked = checkProtocol(draft.value);
    if (!checked.ok) return void (problem.value = i18n.t('protocols.notSavedYet', [checked.problem]));
    const reply = await store.protocols.actions.save(checked.protocol);
    if (reply.ok) onClose(i18n.t('protocols.saved', [checked.protocol.name]));
    else problem.value = reply.error;
  };
  const protocol = draft.value;
  return (
    <form
      class="protocol-editor card"
      aria-labelledby="protocol-editor-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id="protocol-editor-heading">{i18n.t('protocols.editHeading')}</h3>
      <div class="field">
        <label for="protocol-name">{i18n.t('protocols.name')}</label>
        <input id="protocol-name" type="text" value={protocol.name} onInput={(event) => change((p) => editProtocol.rename(p, event.currentTarget.value))} />
      </div>
      {protocol.sections.map((section, index) => (
        <ProtocolSectionEditor key={section.id} section={section} position={index} count={protocol.sections.length} change={change} newId={newId} />
      ))}
      <button type="button" class="small" onClick={() => change((p) => editProtocol.addSection(p, newId(), newId()))}>
        {i18n.t('protocols.addSection')}
      </button>
      <h4>{i18n.t('protocols.phraseBank')}</h4>
      {protocol.phrases.map((group, index) => {
        const name = group.title.trim() || i18n.t('protocols.groupFallbackName', [index + 1]);
        return (
          <fieldset class="protocol-section" key={group.id}>
            <legend>{i18n.t('protocols.groupLegend', [index + 1])}</legend>
            <div class="field">
              <label for={`group-title-${group.id}`}>{i18n.t('protocols.groupTitle', [index + 1])}</label>
              <input id={`group-title-${group.id}`} type="text" value={group.title} onInput={(event) => change((p) => editProtocol.renamePhraseGroup(p, group.id, event.currentTarget.value))} />
            </div>
            <div class="field">
              <label for={`group-phrases-${group.id}`}>{i18n.t('protocols.groupPhrases', [name])}</label>
              <textarea
                key={`${group.id}-${resets.value}`}
                id={`group-phrases-${group.id}`}
                rows={Math.min(8, group.phrases.length + 1)}
                defaultValue={group.phrases.join('\n')}
                onChange={(event) => change((p) => editProtocol.setPhrases(p, group.id, event.currentTarget.value))}
              />
            </div>
            <button type="button" class="small danger" aria-label={i18n.t('protocols.removeGroup', [name])} onClick={() => change((p) => editProtocol.removePhraseGroup(p, group.id))}>
              {i18n.t('common.remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="small" onClick={() => change((p) => editProtocol.addPhraseGroup(p, newId()))}>
        {i18n.t('protocols.addGroup')}
      </button>
      <ActionOutcome problem={problem.value} status={note.value} />
      <div class="row">
        <button type="submit" class="primary">
          {i18n.t('protocols.save')}
        </button>
        <button type="button" onClick={() => onClose(null)}>
          {i18n.t('common.cancel')}
        </button>
        <button
          type="button"
          onClick={() => {
            change(editProtocol.reset);
            resets.value++;
            note.value = i18n.t('protocols.resetDone');
          }}
        >
          {i18n.t('protocols.reset')}
        </button>
      </div>
    </form>
  );
}
