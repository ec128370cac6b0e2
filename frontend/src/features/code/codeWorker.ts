/**
 * The CODE view's Web Worker: a thin shell that hands each request to one `CodeSession`
 * and posts the answer back. Parsing, flattening and searching the document happen here,
 * off the window's thread.
 *
 * Not here: any logic (./codeSession.ts, ./codeTree.ts).
 */
import { CodeSession, type AnswerEnvelope, type RequestEnvelope } from './codeSession';

type WorkerScope = {
  onmessage: ((event: MessageEvent<RequestEnvelope>) => void) | null;
  postMessage(message: AnswerEnvelope): void;
};

const scope = self as unknown as WorkerScope;
const session = new CodeSession();

scope.onmessage = (event) => {
  scope.postMessage(session.answer(event.data));
};
