import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Reply } from '@/utils/messages';

const SAVE_AFTER_MS = 300;

interface DraftFieldProps {
  id: string;
  label: string;
  /** The stored value, shown whenever the therapist is not typing. */
  value: string;
  save(value: string): Promise<Reply>;
  multiline?: boolean;
  hideLabel?: boolean;
}

/**
 * A text field over a stored value. While the therapist types, their draft wins over stored
 * updates; it is saved shortly after they pause and when they leave the field, and stays on
 * screen if saving fails.
 */
export function DraftField({ id, label, value, save, multiline = false, hideLabel = false }: DraftFieldProps) {
  const draft = useSignal<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = async (): Promise<boolean> => {
    clearTimeout(timer.current);
    const text = draft.peek();
    return text === null || (await save(text)).ok;
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const props = {
    id,
    value: draft.value ?? value,
    'aria-label': hideLabel ? label : undefined,
    maxLength: 2000,
    onInput: (event: Event) => {
      draft.value = (event.currentTarget as HTMLInputElement).value;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    onBlur: async () => {
      if (await flush()) draft.value = null;
    },
  };
  return (
    <div class="field">
      {!hideLabel && <label for={id}>{label}</label>}
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
    </div>
  );
}
