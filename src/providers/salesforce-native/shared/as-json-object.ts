/** A JSON object read from the upstream: keys of unknown value, not yet trusted field by field. */
export type JsonObject = Record<string, unknown>;

/** The value as a JSON object, or undefined for anything else (arrays, null, scalars). */
export function asJsonObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The value when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a non-empty string, else undefined: `?? mint()` then runs only when needed. */
export function asNonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value when it is a non-empty string, else the fallback. */
export function stringOr(value: unknown, fallback: string): string {
  return asNonEmptyString(value) ?? fallback;
}

/** The value when it is a non-negative finite number (a token count, an index), else 0. */
export function asCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
