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

  useEffect(() => {
    if (client === null) return;
    const hasText = codeText !== undefined && codeText !== '';
    if (!hasText && (code === null || code === undefined)) {
      setState({ status: 'empty' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    const started = performance.now();
    const request = hasText ? client.ask({ type: 'load', text: codeText }) : client.ask({ type: 'loadValue', value: code });
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
  }, [client, code, codeText]);

  return { client, state };
}

let generations = 0;

function nextGeneration(): number {
  generations += 1;
  return generations;
}
