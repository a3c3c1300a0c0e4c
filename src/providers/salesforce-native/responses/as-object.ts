/** A JSON object read from the upstream, not yet trusted field by field. */
export type JsonObject = Record<string, unknown>;

/** The value as a plain object, or undefined for arrays, null and scalars. */
export function asObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The value when it is a non-empty string, else the fallback. */
export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
