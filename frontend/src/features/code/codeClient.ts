/**
 * The page's side of the CODE document: a typed request/answer channel to a
 * `CodeSession`, inside a Web Worker when the page has workers (parse and search of a
 * 50 MB document then never block the window), or in the page itself otherwise (jsdom
 * tests). Both answer asynchronously, so callers cannot tell them apart.
 *
 * Not here: which requests to send when (./useCodeDocument.ts, ./CodeView.tsx).
 */
import { CodeSession, type AnswerEnvelope, type CodeAnswers, type CodeRequest, type RequestEnvelope } from './codeSession';

type RequestOf<T extends CodeRequest['type']> = Extract<CodeRequest, { type: T }>;

export type CodeClient = {
  ask<T extends CodeRequest['type']>(request: RequestOf<T>): Promise<CodeAnswers[T]>;
  /** Whether the session runs off the page's thread. */
  readonly inWorker: boolean;
  dispose(): void;
};

type Pending = { resolve: (answer: never) => void; reject: (error: Error) => void };

/** A channel over `post`; `settle` is to be called with every envelope that comes back. */
function channel(post: (envelope: RequestEnvelope) => void) {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const settle = (envelope: AnswerEnvelope) => {
    const waiting = pending.get(envelope.id);
    if (waiting === undefined) return;
    pending.delete(envelope.id);
    if ('error' in envelope) waiting.reject(new Error(envelope.error));
    else waiting.resolve(envelope.answer as never);
  };
  const ask = <T extends CodeRequest['type']>(request: RequestOf<T>): Promise<CodeAnswers[T]> =>
    new Promise<CodeAnswers[T]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (answer: never) => void, reject });
      post({ id, request });
    });
  const failAll = (message: string) => {
    for (const waiting of pending.values()) waiting.reject(new Error(message));
    pending.clear();
  };
  return { ask, settle, failAll };
}

function workerClient(): CodeClient {
  const worker = new Worker(new URL('./codeWorker.ts', import.meta.url), { type: 'module', name: 'code-view' });
  const { ask, settle, failAll } = channel((envelope) => worker.postMessage(envelope));
  worker.onmessage = (event: MessageEvent<AnswerEnvelope>) => settle(event.data);
  worker.onerror = (event) => failAll(`The CODE worker stopped: ${event.message || 'unknown error'}`);
  return {
    ask,
    inWorker: true,
    dispose() {
      failAll('The CODE view was closed.');
      worker.terminate();
    },
  };
}

function inPageClient(): CodeClient {
  const session = new CodeSession();
  let disposed = false;
  const { ask, settle, failAll } = channel((envelope) => {
    // Answered after the caller's current task, as a worker would.
    setTimeout(() => {
      if (!disposed) settle(session.answer(envelope));
    }, 0);
  });
  return {
    ask,
    inWorker: false,
    dispose() {
      disposed = true;
      failAll('The CODE view was closed.');
    },
  };
}

export function createCodeClient(): CodeClient {
  return typeof Worker === 'undefined' ? inPageClient() : workerClient();
}
