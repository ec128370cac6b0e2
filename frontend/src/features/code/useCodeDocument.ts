/**
 * The CODE document behind a CodeView: one client (worker) per mounted view, the document
 * handed to it whenever `code` or `codeText` changes, and where that stands (empty,
 * loading, ready with its load time, or a parse error). A generation number goes up with
 * every document, so that answers about an older one are recognised and dropped.
 *
 * Not here: what is asked of the document afterwards (./CodeTree.tsx, ./useCodeSearch.ts).
 */
import { useEffect, useState } from 'react';

import { createCodeClient, type CodeClient } from './codeClient';

export type DocumentState =
  | { status: 'empty' }
  | { status: 'loading' }
  | { status: 'ready'; generation: number; ms: number }
  | { status: 'error'; message: string };

export type CodeDocument = { client: CodeClient | null; state: DocumentState };

export function useCodeDocument(code: unknown, codeText: string | undefined): CodeDocument {
  const [client, setClient] = useState<CodeClient | null>(null);
  const [state, setState] = useState<DocumentState>({ status: 'empty' });

  useEffect(() => {
    const created = createCodeClient();
    setClient(created);
    return () => {
      created.dispose();
      setClient(null);
    };
  }, []);

  // The text wins when both are given; a new `code` object then changes nothing.
  const source: { text: string } | { value: unknown } | null =
    codeText !== undefined && codeText !== '' ? { text: codeText } : code === null || code === undefined ? null : { value: code };
  const sourceKey = source === null ? null : 'text' in source ? source.text : source.value;

  useEffect(() => {
    if (client === null) return;
    if (source === null) {
      setState({ status: 'empty' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    const started = performance.now();
    const request = 'text' in source ? client.ask({ type: 'load', text: source.text }) : client.ask({ type: 'loadValue', value: source.value });
    request.then(
      (answer) => {
        if (!current) return;
        if (answer.ok) setState({ status: 'ready', generation: nextGeneration(), ms: Math.round(performance.now() - started) });
        else setState({ status: 'error', message: `The CODE JSON could not be read: ${answer.message}` });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
    // `source` is rebuilt every render; what it holds is `sourceKey`.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [client, sourceKey]);

  return { client, state };
}

let generations = 0;

function nextGeneration(): number {
  generations += 1;
  return generations;
}
