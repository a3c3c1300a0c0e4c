import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../core/model.ts';
import { chatRequest } from '../shared/chat-request.fixtures.ts';
import { llmGatewayRoute } from './llm-gateway-route.ts';

const request: ChatRequest = chatRequest('sfdc_ai__DefaultVertexAIGeminiPro25', 'Hi');

describe('llmGatewayRoute', () => {
  it('chooses the path by the stream flag alone: the model travels in the body', () => {
    expect(llmGatewayRoute.path('sfdc_ai__DefaultGPT41Mini', false)).toBe('/chat/generations');
    expect(llmGatewayRoute.path('sfdc_ai__DefaultGPT41Mini', true)).toBe('/chat/generations/stream');
  });

  it('sends the same body on both paths, with no stream flag', () => {
    const whole = llmGatewayRoute.buildRequest(request, false);
    expect(llmGatewayRoute.buildRequest(request, true)).toEqual(whole);
    expect(whole.body).not.toHaveProperty('stream');
    expect(whole.body.model).toBe('sfdc_ai__DefaultVertexAIGeminiPro25');
  });

  it('accepts only an event stream as a streaming 200', () => {
    expect(llmGatewayRoute.streamContentType.test('text/event-stream; charset=utf-8')).toBe(true);
    expect(llmGatewayRoute.streamContentType.test('application/json')).toBe(false);
  });

  it('parses a whole answer with Gemini usage', () => {
    const body = {
      id: 'r1',
      generation_details: {
        generations: [{ content: 'Hello!', parameters: { finish_reason: 'STOP' } }],
        parameters: {
          model: 'gemini-2.5-pro',
          usage: { inputTokenCount: 3, outputTokenCount: 2, totalTokenCount: 5 },
        },
      },
    };
    expect(llmGatewayRoute.parseResponse(body, () => 0)).toMatchObject({
      content: [{ type: 'text', text: 'Hello!' }],
      finishReason: { unified: 'stop', raw: 'STOP' },
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    });
  });
});
