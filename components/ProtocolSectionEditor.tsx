import { i18n } from '#i18n';
import { answerFieldLabel, answerFields, type Protocol } from '@/utils/protocols';
import { editProtocol } from '@/utils/protocol-edits';
import type { ProtocolSection } from '@/utils/protocol';

type Change = (edit: (protocol: Protocol) => Protocol) => void;

/** One section in the protocol editor: its title, its practices in order, and which answer each saves. */
export function ProtocolSectionEditor({ section, position, count, change, newId }: { section: ProtocolSection; position: number; count: number; change: Change; newId(): string }) {
  const name = section.title.trim() || i18n.t('protocols.sectionFallbackName', [position + 1]);
  const sectionName = i18n.t('protocols.sectionName', [name]);
  return (
    <fieldset class="protocol-section">
      <legend>{i18n.t('protocols.sectionLegend', [position + 1])}</legend>
      <div class="field">
        <label for={`section-title-${section.id}`}>{i18n.t('protocols.sectionTitle', [position + 1])}</label>
        <input id={`section-title-${section.id}`} type="text" value={section.title} onInput={(event) => change((p) => editProtocol.renameSection(p, section.id, event.currentTarget.value))} />
      </div>
      <div class="row">
        <button type="button" class="small" aria-label={i18n.t('protocols.moveUpLabel', [sectionName])} disabled={position === 0} onClick={() => change((p) => editProtocol.moveSection(p, section.id, -1))}>
          {i18n.t('protocols.moveUp')}
        </button>
        <button type="button" class="small" aria-label={i18n.t('protocols.moveDownLabel', [sectionName])} disabled={position === count - 1} onClick={() => change((p) => editProtocol.moveSection(p, section.id, 1))}>
          {i18n.t('protocols.moveDown')}
        </button>
        <button type="button" class="small danger" aria-label={i18n.t('protocols.removeLabel', [sectionName])} disabled={count === 1} onClick={() => change((p) => editProtocol.removeSection(p, section.id))}>
          {i18n.t('common.remove')}
        </button>
      </div>
      {section.source && <p class="quiet">{i18n.t('protocols.evidence', [section.source])}</p>}
      <ol class="protocol-items">
        {section.items.map((item, index) => {
          const label = i18n.t('protocols.practiceLabel', [index + 1, name]);
          const practice = item.text.trim() || i18n.t('protocols.practiceFallbackName', [index + 1]);
          return (
            <li key={item.id}>
              <input type="text" aria-label={label} value={item.text} onInput={(event) => change((p) => editProtocol.renameItem(p, item.id, event.currentTarget.value))} />
              <div class="row">
                <label class="quiet" for={`captures-${item.id}`}>
                  {i18n.t('protocols.savesAnswer')}
                </label>
                <select
                  id={`captures-${item.id}`}
                  aria-label={i18n.t('protocols.savesAnswerLabel', [practice])}
                  value={item.captures ?? ''}
                  onChange={(event) => {
                    const field = event.currentTarget.value;
                    change((p) => editProtocol.setCaptures(p, item.id, answerFields.find((candidate) => candidate === field)));
                  }}
                >
                  <option value="">{i18n.t('protocols.savesNothing')}</option>
                  {answerFields.map((field) => (
                    <option key={field} value={field}>
                      {answerFieldLabel(field)}
                    </option>
                  ))}
                </select>
                <button type="button" class="small" aria-label={i18n.t('protocols.moveUpLabel', [practice])} onClick={() => change((p) => editProtocol.moveItem(p, item.id, -1))}>
                  {i18n.t('protocols.moveUp')}
                </button>
                <button type="button" class="small" aria-label={i18n.t('protocols.moveDownLabel', [practice])} onClick={() => change((p) => editProtocol.moveItem(p, item.id, 1))}>
                  {i18n.t('protocols.moveDown')}
                </button>
                <button type="button" class="small danger" aria-label={i18n.t('protocols.removeLabel', [practice])} disabled={section.items.length === 1} onClick={() => change((p) => editProtocol.removeItem(p, item.id))}>
                  {i18n.t('common.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" class="small" aria-label={i18n.t('protocols.addPracticeLabel', [name])} onClick={() => change((p) => editProtocol.addItem(p, section.id, newId()))}>
        {i18n.t('protocols.addPractice')}
      </button>
    </fieldset>
  );
}
