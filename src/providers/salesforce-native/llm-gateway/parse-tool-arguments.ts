import { GatewayError } from '../../../core/errors.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';

/** Reads a tool call's arguments as the gateway sends them: a string is parsed (and repaired),
 * an object (some providers send one instead of a string) is taken as is, nothing means `{}`;
 * text that no repair makes JSON is refused rather than passed on. */
export function parseGatewayToolArguments(raw: unknown, toolName: string): unknown {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string') return raw;
  return parseToolArguments(raw, () => {
    throw new GatewayError(
      'upstream_error',
      `Salesforce sent arguments for the tool "${toolName}" that are not JSON and could not be repaired.`,
      { retryable: false },
    );
  });
}

/** The arguments as the JSON text to stream: a string as is, an object encoded. */
export function argumentsText(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
