/** Tool-call arguments arrive as a JSON string; text that is not JSON is kept as it is, never
 * replaced by `{}`, so the model's own words reach the caller. */
export function decodeToolArguments(rawArguments: unknown): unknown {
  if (typeof rawArguments !== 'string') return rawArguments;
  try {
    return JSON.parse(rawArguments);
  } catch {
    return rawArguments;
  }
}
