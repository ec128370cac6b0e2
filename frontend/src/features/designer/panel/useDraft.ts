/**
 * The text being typed in a field whose value lives in the document: it follows the
 * document when the value changes from elsewhere (undo, another field), and is left
 * alone when the change is the field's own commit (so JSON is not re-formatted under the
 * caret, and half-typed invalid text survives).
 */
import { useRef, useState } from 'react';

const NONE = Symbol('none');

export function useDraft<T>(value: T, format: (value: T) => string) {
  const [draft, setDraft] = useState(() => format(value));
  const [seen, setSeen] = useState<T>(value);
  const own = useRef<unknown>(NONE);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (Object.is(own.current, value)) own.current = NONE;
    else setDraft(format(value));
  }
  return {
    draft,
    setDraft,
    /** Call with the value about to be written to the document from this field. */
    markOwn(next: T) {
      own.current = next;
    },
  };
}
