import type { MessagesRequestBody } from './schema.ts';

// Request fields the Messages API defines that have no counterpart in the neutral request, so
// they cannot take effect anywhere behind the gateway. Fields the neutral request carries
// (sampling, max_tokens, stop_sequences, thinking…) are not listed: the provider reports those itself.
// `metadata` is not listed either: it only tags the call for Anthropic's abuse detection, so
// nothing is lost by not forwarding it and no client expects a visible effect.
const fieldsWithoutEffect = [
  'context_management',
  'service_tier',
  'container',
  'mcp_servers',
  'inference_geo',
  'cache_control',
] as const;

/** Wire names of the no-effect fields the client actually set (null, false or [] asks for nothing). */
export function collectIgnoredFields(body: MessagesRequestBody): string[] {
  const ignored: string[] = [];
  for (const field of fieldsWithoutEffect) {
    const value = body[field];
    const empty = Array.isArray(value) && value.length === 0;
    if (value !== undefined && value !== null && value !== false && !empty) ignored.push(field);
  }
  return ignored;
}
