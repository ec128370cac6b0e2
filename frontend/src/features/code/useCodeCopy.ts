/**
 * What the CODE view copies, and the short confirmation it shows after: a row's Jinja
 * reference, a row's value (asked from the worker, a string raw, else pretty JSON), the
 * whole document (the text given, else pretty JSON from the worker).
 *
 * Not here: how the clipboard is reached (./clipboard.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { copyText } from './clipboard';
import type { CodeClient } from './codeClient';
import { jinjaReference, type JsonPath } from './jinjaPath';

const NOTICE_MS = 2500;

/** A short confirmation shown for a moment, also passed to `onNotice`. */
export function useNotice(onNotice: ((message: string) => void) | undefined): { message: string; show: (text: string) => void } {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callback = useRef(onNotice);
  useEffect(() => {
    callback.current = onNotice;
  });
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const show = useCallback((text: string) => {
    setMessage(text);
    callback.current?.(text);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(''), NOTICE_MS);
  }, []);
  return { message, show };
}

export type CodeCopy = {
  copyReference: (path: JsonPath) => void;
  copyValue: (path: JsonPath) => void;
  copyDocument: () => void;
};

export function useCodeCopy(client: CodeClient | null, codeText: string | undefined, show: (text: string) => void): CodeCopy {
  const copyReference = useCallback(
    (path: JsonPath) => {
      const reference = jinjaReference(path);
      if (reference === '') {
        show('No Jinja reference here: a top-level key must be a name to be a variable.');
        return;
      }
      void copyText(reference).then((ok) => show(ok ? `Copied ${reference}` : `Could not copy ${reference}: the clipboard refused.`));
    },
    [show],
  );
  const copyValue = useCallback(
    (path: JsonPath) => {
      if (client === null) return;
      const text = client.ask({ type: 'value', path }).then((answer) => answer.text ?? '');
      const what = jinjaReference(path) || 'the value';
      void copyText(text).then((ok) => show(ok ? `Copied the value of ${what}` : 'Could not copy the value: the clipboard refused.'));
    },
    [client, show],
  );
  const copyDocument = useCallback(() => {
    if (client === null) return;
    const text = codeText !== undefined && codeText !== '' ? codeText : client.ask({ type: 'rawText' }).then((answer) => answer.text);
    void copyText(text).then((ok) => show(ok ? 'Copied the CODE JSON' : 'Could not copy the CODE JSON: the clipboard refused.'));
  }, [client, codeText, show]);
  return { copyReference, copyValue, copyDocument };
}
