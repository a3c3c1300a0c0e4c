import { jsonrepair } from 'jsonrepair';

/**
 * Reads a function call's `arguments` text: strict JSON, then jsonrepair for nearly-JSON text.
 * Empty text means a call without arguments (`{}`). Text that no repair turns into an object or
 * array is kept as the raw string, as the protocols do for client-sent arguments: the model's
 * own words reach the caller instead of an invented `{}`.
 */
export function parseToolArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the repair
  }
  try {
    const repaired: unknown = JSON.parse(jsonrepair(text));
    // jsonrepair turns plain prose into a JSON string; only a container is a real repair
    return typeof repaired === 'object' && repaired !== null ? repaired : text;
  } catch {
    return text;
  }
}
