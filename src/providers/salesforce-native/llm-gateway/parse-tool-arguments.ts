import { jsonrepair } from 'jsonrepair';
import { GatewayError } from '../../../core/errors.ts';

/** Reads a tool call's arguments: strict JSON first, then jsonrepair; empty means no arguments.
 * An object (some providers send one instead of a string) is taken as is. */
export function parseToolArguments(raw: unknown, toolName: string): unknown {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string') return raw;
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) ?? {};
  } catch {
    // Models sometimes cut or garble JSON (trailing commas, unclosed braces); repair before refusing.
  }
  const repaired = repair(raw);
  // jsonrepair turns prose into a JSON string; only an object is a plausible set of arguments.
  if (repaired !== null && typeof repaired === 'object') return repaired;
  throw new GatewayError(
    'upstream_error',
    `Salesforce sent arguments for the tool "${toolName}" that are not JSON and could not be repaired.`,
    { retryable: false },
  );
}

function repair(raw: string): unknown {
  try {
    return JSON.parse(jsonrepair(raw));
  } catch {
    return undefined;
  }
}

/** The arguments as the JSON text to stream: a string as is, an object encoded. */
export function argumentsText(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
