import { jsonrepair } from 'jsonrepair';

/** A streamed tool call's concatenated `partial_json` -> its parsed input: strict JSON first,
 * then jsonrepair (a stream cut at max_tokens leaves the object unclosed); the raw text when
 * neither gives a value, so nothing the model produced is lost. */
export function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(jsonrepair(text));
    } catch {
      return text;
    }
  }
}
