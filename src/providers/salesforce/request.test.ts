import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/model.ts';
import { buildChatRequest } from './request.ts';

function request(messages: ChatRequest['messages']): ChatRequest {
  return {
    model: 'sfdc_ai__DefaultGPT4OmniMini',
    messages,
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    sampling: {},
  };
}

describe('buildChatRequest', () => {
  it('sends plain-string content with system, user and assistant roles', () => {
    const body = buildChatRequest(
      request([
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello' },
            { type: 'text', text: 'there' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] },
      ]),
    );
    expect(body).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello\nthere' },
        { role: 'assistant', content: 'Hi!' },
      ],
    });
  });

  it('renders leftover tool turns as text under roles the upstream knows, and drops empty turns', () => {
    const body = buildChatRequest(
      request([
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { id: 7 } }],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'call_1', content: 'found', isError: false }],
        },
        { role: 'assistant', content: [] },
      ]),
    );
    expect(body.messages).toEqual([
      { role: 'assistant', content: '[tool call lookup {"id":7}]' },
      { role: 'user', content: '[tool result for call_1] found' },
    ]);
  });

  it('merges adjacent turns of one role, such as the gateway instruction and the client system prompt', () => {
    const body = buildChatRequest(
      request([
        { role: 'system', content: [{ type: 'text', text: 'Gateway instruction.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Client prompt.' }] },
        { role: 'user', content: [{ type: 'text', text: 'One.' }] },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'c', content: 'r', isError: true }] },
      ]),
    );
    expect(body.messages).toEqual([
      { role: 'system', content: 'Gateway instruction.\n\nClient prompt.' },
      { role: 'user', content: 'One.\n\n[tool result for c (error)] r' },
    ]);
  });
});
