import { answerFieldLabels, answerFields, type Protocol } from '@/utils/protocols';
import { editProtocol } from '@/utils/protocol-edits';
import type { ProtocolSection } from '@/utils/protocol';

type Change = (edit: (protocol: Protocol) => Protocol) => void;

/** One section in the protocol editor: its title, its practices in order, and which answer each saves. */
export function ProtocolSectionEditor({ section, position, count, change, newId }: { section: ProtocolSection; position: number; count: number; change: Change; newId(): string }) {
  const name = section.title.trim() || `section ${position + 1}`;
  return (
    <fieldset class="protocol-section">
      <legend>Section {position + 1}</legend>
      <div class="field">
        <label for={`section-title-${section.id}`}>Title of section {position + 1}</label>
        <input id={`section-title-${section.id}`} type="text" value={section.title} onInput={(event) => change((p) => editProtocol.renameSection(p, section.id, event.currentTarget.value))} />
      </div>
      <div class="row">
        <button type="button" class="small" aria-label={`Move up: section ${name}`} disabled={position === 0} onClick={() => change((p) => editProtocol.moveSection(p, section.id, -1))}>
          Move up
        </button>
        <button type="button" class="small" aria-label={`Move down: section ${name}`} disabled={position === count - 1} onClick={() => change((p) => editProtocol.moveSection(p, section.id, 1))}>
          Move down
        </button>
        <button type="button" class="small danger" aria-label={`Remove: section ${name}`} disabled={count === 1} onClick={() => change((p) => editProtocol.removeSection(p, section.id))}>
          Remove
        </button>
      </div>
      {section.source && <p class="quiet">Evidence: {section.source}</p>}
      <ol class="protocol-items">
        {section.items.map((item, index) => {
          const label = `Practice ${index + 1} in ${name}`;
          const practice = item.text.trim() || `practice ${index + 1}`;
          return (
            <li key={item.id}>
              <input type="text" aria-label={label} value={item.text} onInput={(event) => change((p) => editProtocol.renameItem(p, item.id, event.currentTarget.value))} />
              <div class="row">
                <label class="quiet" for={`captures-${item.id}`}>
                  Saves an answer to
                </label>
                <select
                  id={`captures-${item.id}`}
                  aria-label={`Saves an answer to: ${practice}`}
                  value={item.captures ?? ''}
                  onChange={(event) => {
                    const field = event.currentTarget.value;
                    change((p) => editProtocol.setCaptures(p, item.id, answerFields.find((candidate) => candidate === field)));
                  }}
                >
                  <option value="">Nothing (a tick only)</option>
                  {answerFields.map((field) => (
                    <option key={field} value={field}>
                      {answerFieldLabels[field]}
                    </option>
                  ))}
                </select>
                <button type="button" class="small" aria-label={`Move up: ${practice}`} onClick={() => change((p) => editProtocol.moveItem(p, item.id, -1))}>
                  Move up
                </button>
                <button type="button" class="small" aria-label={`Move down: ${practice}`} onClick={() => change((p) => editProtocol.moveItem(p, item.id, 1))}>
                  Move down
                </button>
                <button type="button" class="small danger" aria-label={`Remove: ${practice}`} disabled={section.items.length === 1} onClick={() => change((p) => editProtocol.removeItem(p, item.id))}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" class="small" aria-label={`Add a practice: section ${name}`} onClick={() => change((p) => editProtocol.addItem(p, section.id, newId()))}>
        Add a practice
      </button>
    </fieldset>
  );
}
