import type { Diagnostic } from '../bindings/Diagnostic';
import type { ErrorCode } from '../bindings/ErrorCode';

/** A failed command of the in-memory backend: the payload the core would reject with. */
export class MockError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly diagnostics?: Diagnostic[];
  readonly path?: string;
  constructor(code: ErrorCode, message: string, structured?: { diagnostics?: Diagnostic[]; path?: string }) {
    this.code = code;
    this.message = message;
    if (structured?.diagnostics !== undefined) this.diagnostics = structured.diagnostics;
    if (structured?.path !== undefined) this.path = structured.path;
  }
}
