// Request fields OpenAI defines that have no counterpart in the neutral request, so they cannot
// take effect anywhere behind the gateway. Fields the neutral request carries (sampling, max
// tokens, stop…) are not listed: the provider reports those itself when it cannot honour them.
const fieldsWithoutEffect = [
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'user',
  'metadata',
  'service_tier',
  'store',
  'verbosity',
  'modalities',
  'audio',
  'prediction',
  'web_search_options',
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
] as const;

/** Wire names of the no-effect fields the client actually set (a null or false value asks for
 * nothing); `alsoWithoutEffect` adds fields that have no effect on one endpoint only. */
export function collectIgnoredFields(
  body: Record<string, unknown>,
  alsoWithoutEffect: readonly string[] = [],
): string[] {
  return [...fieldsWithoutEffect, ...alsoWithoutEffect].filter((field) => {
    const value = body[field];
    return value !== undefined && value !== null && value !== false;
  });
}
