/** A failed command of the in-memory backend: the `{code, message}` the core would reject with. */
export class MockError {
  readonly code: string;
  readonly message: string;
  constructor(code: string, message: string) {
    this.code = code;
    this.message = message;
  }
}
