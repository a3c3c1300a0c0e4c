import type { ChatRequest } from '../../../core/model.ts';

/** History options that leave thinking out, as the route does by default. */
export const dropThinking = { keepThinkingHistory: false };

/** A one-question chat request to a Claude alias, with the given fields replaced. */
export function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Is the compressor on circuit 4?' }] }],
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    sampling: {},
    ...overrides,
  };
}

/** A JSON-schema tool. */
export const lookupTool = {
  name: 'lookup_circuit',
  description: 'Find the breaker circuit of a unit',
  parameters: { type: 'object', properties: { unit: { type: 'string' } }, required: ['unit'] },
};
