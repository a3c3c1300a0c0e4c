import { jsonrepair } from 'jsonrepair';

/** What text no repair turns into arguments becomes by default: the text itself, so the model's
 * own words reach the caller instead of an invented `{}`. */
const keepText = (text: string): unknown => text;

/** Reads a tool call's arguments text: strict JSON, then jsonrepair (a stream cut at max_tokens
 * leaves the object unclosed); empty text or `null` means no arguments (`{}`); `onIrreparable`
 * decides what text that repairs into no object or array becomes. */
export function parseToolArguments(
  text: string,
  onIrreparable: (text: string) => unknown = keepText,
): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) ?? {};
  } catch {
    // models cut or garble JSON (trailing commas, unclosed braces): repair before giving up
  }
  try {
    const repaired: unknown = JSON.parse(jsonrepair(text));
    // jsonrepair turns plain prose into a JSON string; only a container is a real repair
    if (typeof repaired === 'object' && repaired !== null) return repaired;
  } catch {
    // not repairable either
  }
  return onIrreparable(text);
}
