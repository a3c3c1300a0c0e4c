/** Parses a call's JSON-string arguments from history; text that is not JSON counts as no arguments. */
export function parseArguments(text: unknown): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : '{}');
  } catch {
    return {};
  }
}
