/**
 * Files for the in-memory backend: a pretend file system (path → text), the answers the
 * OS dialogs will give (tests preset them). Never touches a real disk. What an import makes
 * of a file is the core's answer (./goldenAnswers.ts).
 */
import type { MockCommand } from './backend';
import { MockError } from './mockError';

export class MockFiles {
  /** The pretend file system: path → file text. */
  readonly files: Map<string, string>;
  /** What the next dialogs answer, in order; an empty queue answers "cancelled" (`null`). */
  private readonly answers: Array<string | null>;

  constructor(files: Record<string, string> = {}, answers: Array<string | null> = []) {
    this.files = new Map(Object.entries(files));
    this.answers = [...answers];
  }

  /** Presets the path the next open/save dialog returns (`null`: the user cancels). */
  chooseNext(path: string | null) {
    this.answers.push(path);
  }

  /** Handles a dialog command (`plugin:dialog|open` / `|save`), or returns `undefined`. */
  handleDialog(command: MockCommand): { result: string | null } | undefined {
    if (command !== 'plugin:dialog|open' && command !== 'plugin:dialog|save') return undefined;
    return { result: this.answers.length > 0 ? (this.answers.shift() ?? null) : null };
  }

  read(path: unknown): string {
    const text = typeof path === 'string' ? this.files.get(path) : undefined;
    if (text === undefined) throw new MockError('not_found', `No file at ${String(path)}`);
    return text;
  }

  write(path: unknown, text: string) {
    if (typeof path !== 'string' || path.trim() === '') throw new MockError('invalid_input', 'path: must not be empty');
    this.files.set(path, text);
  }
}
