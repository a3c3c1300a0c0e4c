import type { ChatResult } from '../../core/model.ts';

/**
 * Response header carrying the upstream's generation id: the id Salesforce's feedback endpoint
 * wants as `generationId`. Neither OpenAI's nor Anthropic's body has a place for it, and the
 * response id is the upstream's response id, a different value.
 */
export const generationIdHeader = 'x-sfgw-generation-id';

/** The generation-id header for a result, or none when the upstream gave no generation id. */
export function encodeGenerationIdHeader(result: ChatResult): Record<string, string> {
  return result.generationId === undefined ? {} : { [generationIdHeader]: result.generationId };
}
