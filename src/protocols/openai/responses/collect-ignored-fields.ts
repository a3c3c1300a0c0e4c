import type { ResponsesRequestBody } from './schema.ts';

// Request fields the Responses API defines that have no counterpart in the neutral request, so
// they cannot take effect anywhere behind the gateway. Fields the neutral request carries
// (sampling, max_output_tokens…) are not listed: the provider reports those itself. `metadata` is
// not listed either: it only tags the response, and it is echoed back in it as OpenAI does.
const fieldsWithoutEffect = [
  'include',
  'user',
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'top_logprobs',
  'max_tool_calls',
  'context_management',
  'moderation',
] as const;

/** Wire names of the no-effect fields the client actually set. `store: true` is among them: n8n's
 * OpenAI node sends it by default, so it is accepted, but nothing is stored (see decode.ts). */
export function collectIgnoredFields(body: ResponsesRequestBody): string[] {
  const ignored: string[] = fieldsWithoutEffect.filter((field) => asksForSomething(body[field]));
  if (body.store === true) ignored.push('store');
  if (body.truncation === 'auto') ignored.push('truncation');
  if (asksForSomething(body.text?.verbosity)) ignored.push('text.verbosity');
  return ignored;
}

/** Null, false, 0, '' and empty lists or objects ask for nothing. */
function asksForSomething(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(asksForSomething);
  return true;
}
