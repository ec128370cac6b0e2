/** JSON helpers shared by the in-memory backend's modules. */

export type Json = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy through JSON, so no caller shares objects with the backend's state. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
