import type { ChatRequest } from '../../../core/model.ts';

/** A one-question chat request to `model` asking `text`, with the given fields replaced. */
export function chatRequest(model: string, text: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    sampling: {},
    ...overrides,
  };
}
