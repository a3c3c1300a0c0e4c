import type { ChatRequest } from '../../../core/model.ts';
import { chatRequest } from '../shared/chat-request.fixtures.ts';

/** History options that leave thinking out, as the route does by default. */
export const dropThinking = { keepThinkingHistory: false };

/** A one-question chat request to a Claude alias, with the given fields replaced. */
export function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return chatRequest(
    'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet',
    'Is the compressor on circuit 4?',
    overrides,
  );
}

/** A JSON-schema tool. */
export const lookupTool = {
  name: 'lookup_circuit',
  description: 'Find the breaker circuit of a unit',
  parameters: { type: 'object', properties: { unit: { type: 'string' } }, required: ['unit'] },
};
