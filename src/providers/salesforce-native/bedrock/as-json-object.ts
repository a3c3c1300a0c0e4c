/** A JSON object as the Bedrock route reads it: keys of unknown value. */
export type JsonObject = Record<string, unknown>;

/** The value as a JSON object, or undefined for anything else (arrays, null, scalars). */
export function asJsonObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The value when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
