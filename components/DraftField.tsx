import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import type { FieldConflict, FieldEdit } from '@/utils/field-edits';
import type { Reply } from '@/utils/messages';

const SAVE_AFTER_MS = 300;

interface DraftFieldProps {
  id: string;
  label: string;
  /** The stored value, shown whenever the therapist is not typing. */
  value: string;
  /** Saves the draft with the stored value it was typed over; the reply lists a conflict when that value changed elsewhere. */
  save(edit: FieldEdit): Promise<Reply<FieldConflict[]>>;
  multiline?: boolean;
  hideLabel?: boolean;
}

/**
 * A text field over a stored value. While the therapist types, their draft wins over stored
 * updates; it is saved shortly after they pause and when they leave the field, and stays on
 * screen if saving fails. When the value changed elsewhere while they typed, the background keeps
 * the other change and the field shows both until the therapist chooses one.
 */
export function DraftField({ id, label, value, save, multiline = false, hideLabel = false }: DraftFieldProps) {
  const draft = useSignal<string | null>(null);
  /** The stored value the draft was typed over: the background takes the draft only while it still holds this. */
  const base = useRef(value);
  /** The value stored elsewhere while the therapist typed; null when there is no conflict. */
  const theirs = useSignal<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef<Promise<boolean>>(Promise.resolve(true));

  /** Saves the draft after any save under way, so each goes out with the base the previous one left. */
  const flush = (): Promise<boolean> => {
    clearTimeout(timer.current);
    saving.current = saving.current.then(async () => {
      const text = draft.peek();
      if (text === null) return true;
      if (theirs.peek() !== null) return false;
      const reply = await save({ value: text, base: base.current });
      if (!reply.ok) return false;
      const conflict = reply.value[0];
      if (conflict) {
        theirs.value = conflict.stored;
        return false;
      }
      base.current = text;
      return true;
    });
    return saving.current;
  };
  /** Saves, then shows the stored value again unless the therapist typed on meanwhile. */
  const finish = async () => {
    const text = draft.peek();
    if ((await flush()) && draft.peek() === text) draft.value = null;
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // While a conflict is shown it names the latest value stored elsewhere.
  useEffect(() => {
    if (theirs.peek() !== null) theirs.value = value;
  }, [value]);

  const keepMine = () => {
    base.current = theirs.peek() ?? value;
    theirs.value = null;
    void finish();
  };
  const useTheirs = () => {
    clearTimeout(timer.current);
    theirs.value = null;
    draft.value = null;
  };
  const conflictId = `${id}-conflict`;

  const props = {
    id,
    value: draft.value ?? value,
    'aria-label': hideLabel ? label : undefined,
    'aria-describedby': theirs.value !== null ? conflictId : undefined,
    maxLength: 2000,
    onInput: (event: Event) => {
      if (draft.peek() === null) base.current = value;
      draft.value = (event.currentTarget as HTMLInputElement).value;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    onBlur: () => void finish(),
  };
  return (
    <div class="field">
      {!hideLabel && <label for={id}>{label}</label>}
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      {theirs.value !== null && (
        <div role="group" aria-labelledby={conflictId} class="notice error conflict">
          <p role="alert" id={conflictId}>
            {i18n.t('draft.conflict', [quoted(theirs.value), quoted(draft.value ?? '')])}
          </p>
          <button type="button" class="small" onClick={keepMine}>
            {i18n.t('draft.keepMine')}
          </button>
          <button type="button" class="small" onClick={useTheirs}>
            {i18n.t('draft.useTheirs')}
          </button>
        </div>
      )}
    </div>
  );
}

function quoted(text: string): string {
  return text ? i18n.t('draft.quoted', [text]) : i18n.t('draft.emptied');
}
