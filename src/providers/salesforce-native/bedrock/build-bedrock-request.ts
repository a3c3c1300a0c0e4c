import type { ChatRequest } from '../../../core/model.ts';
import type { BuiltNativeRequest } from '../native-route.ts';
import { type MapMessagesOptions, mapBedrockMessages } from './map-bedrock-messages.ts';
import { mapBedrockThinking } from './map-bedrock-thinking.ts';
import { mapBedrockTools } from './map-bedrock-tools.ts';

/** The body version Bedrock's Anthropic models require; Salesforce's own verify call sends it. */
export const bedrockAnthropicVersion = 'bedrock-2023-05-31';

/** `max_tokens` when the client gave no limit. Bedrock requires the field, and 4096 is within the
 * output limit of every Claude model the surface serves (the oldest cap at 4096), so it is never
 * refused; clients wanting longer answers say so. */
export const defaultMaxTokens = 4096;

/** Neutral request -> Bedrock Anthropic body. No `model` and no `stream`: the path carries both.
 * Expects no freeform tools (the provider routes those requests elsewhere) and throws an
 * internal error on one. */
export function buildBedrockRequest(request: ChatRequest, options: MapMessagesOptions): BuiltNativeRequest {
  const { system, messages } = mapBedrockMessages(request.messages, options);
  const thinking = mapBedrockThinking(request);
  const body = {
    anthropic_version: bedrockAnthropicVersion,
    max_tokens: request.maxOutputTokens ?? defaultMaxTokens,
    ...(system === undefined ? {} : { system }),
    messages,
    ...mapBedrockTools(request),
    ...(request.stopSequences.length > 0 ? { stop_sequences: request.stopSequences } : {}),
    ...thinking.fields,
  };
  return { body, warnings: thinking.warnings };
}
