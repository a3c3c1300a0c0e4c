import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import { parseLlmGatewayResponse } from './parse-llm-gateway-response.ts';

const now = () => 1_760_000_000_123;

function answer(generation: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-Bx71',
    generation_details: { generations: [{ role: 'assistant', ...generation }], parameters },
  };
}

describe('parseLlmGatewayResponse', () => {
  it('reads text, ids, served model, created, finish reason and OpenAI usage', () => {
    const body = answer(
      {
        id: 'gen-5e1f',
        content: 'Paris is 18°C.',
        timestamp: 1760621502,
        parameters: { finish_reason: 'stop', index: 0, logprobs: null },
      },
      {
        provider: 'openai',
        created: 1760621501,
        model: 'gpt-4.1-mini-2025-04-14',
        object: 'chat.completion',
        usage: { prompt_tokens: 21, completion_tokens: 6, total_tokens: 27 },
      },
    );
    expect(parseLlmGatewayResponse(body, now)).toEqual({
      id: 'chatcmpl-Bx71',
      generationId: 'gen-5e1f',
      servedModel: 'gpt-4.1-mini-2025-04-14',
      created: 1760621501,
      content: [{ type: 'text', text: 'Paris is 18°C.' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 21, outputTokens: 6, totalTokens: 27 },
    });
  });

  it('reads tool invocations with arguments parsed, repaired, given as an object, or empty', () => {
    const body = answer({
      content: null,
      parameters: { finish_reason: 'tool_calls' },
      tool_invocations: [
        { id: 'call_a', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_b', function: { name: 'get_weather', arguments: '{"city":"Lyon",}' } },
        { id: 'call_c', function: { name: 'lookup', arguments: { q: 'x' } } },
        { function: { name: 'now', arguments: '' } },
      ],
    });
    const result = parseLlmGatewayResponse(body, now);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'tool-call', id: 'call_b', name: 'get_weather', arguments: { city: 'Lyon' } },
      { type: 'tool-call', id: 'call_c', name: 'lookup', arguments: { q: 'x' } },
      { type: 'tool-call', id: expect.stringMatching(/^call_/), name: 'now', arguments: {} },
    ]);
  });

  it('keeps text before tool calls, and reads a "stop" that came with tool calls as tool-calls', () => {
    const body = answer({
      content: 'Checking.',
      parameters: { finish_reason: 'STOP' },
      tool_invocations: [{ id: 't', function: { name: 'ping', arguments: '{}' } }],
    });
    const result = parseLlmGatewayResponse(body, now);
    expect(result.content.map((part) => part.type)).toEqual(['text', 'tool-call']);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
  });

  it.each([
    ['tool_use', 'tool-calls'],
    ['stop', 'stop'],
    ['end_turn', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['MAX_TOKENS', 'length'],
    ['content_filter', 'content-filter'],
    ['SAFETY', 'content-filter'],
    ['something_new', 'other'],
  ])('maps finish reason %s to %s', (raw, unified) => {
    const body = answer({ content: 'x', parameters: { finish_reason: raw } });
    expect(parseLlmGatewayResponse(body, now).finishReason).toEqual({ unified, raw });
  });

  it('reads a missing finish reason as stop', () => {
    expect(parseLlmGatewayResponse(answer({ content: 'x' }), now).finishReason).toEqual({
      unified: 'stop',
      raw: null,
    });
  });

  it.each([
    ['OpenAI', { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 }],
    ['Claude', { inputTokens: 10, outputTokens: 4, totalTokens: 14 }],
    ['Gemini', { inputTokenCount: 10, outputTokenCount: 4, totalTokenCount: 14 }],
    ['a spelling without total', { inputTokens: 10, outputTokens: 4 }],
  ])('reads usage in the %s spelling', (_name, usage) => {
    const result = parseLlmGatewayResponse(answer({ content: 'x' }, { usage }), now);
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 4, totalTokens: 14 });
  });

  it('reads created from a timestamp in seconds or milliseconds, else from now', () => {
    const seconds = parseLlmGatewayResponse(answer({ content: 'x', timestamp: 1760621502 }), now);
    const millis = parseLlmGatewayResponse(answer({ content: 'x', timestamp: 1760621502318 }), now);
    const none = parseLlmGatewayResponse(answer({ content: 'x', timestamp: null }), now);
    expect([seconds.created, millis.created, none.created]).toEqual([1760621502, 1760621502, 1760000000]);
  });

  it('tolerates a sparse body: no ids, no parameters, empty content', () => {
    const result = parseLlmGatewayResponse({ generation_details: { generations: [{ content: '' }] } }, now);
    expect(result).toMatchObject({ servedModel: 'unknown', content: [], created: 1760000000 });
    expect(result.id).not.toBe('');
    expect(result).not.toHaveProperty('generationId');
  });

  it.each([
    [{ errorCode: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }, 'rate_limit'],
    [{ errors: [{ message: 'Invalid token' }] }, 'upstream_error'],
    [[{ errorCode: 'NOT_FOUND', message: 'Model sfdc_ai__Nope is not available' }], 'not_found'],
    [{ message: 'Internal failure', status: 500 }, 'upstream_error'],
  ])('throws an error body %j as a GatewayError of kind %s', (body, kind) => {
    expect(() => parseLlmGatewayResponse(body, now)).toThrow(expect.objectContaining({ kind }));
  });

  it('throws a body it cannot read as a non-retryable upstream error', () => {
    for (const body of [{ id: 'x' }, { generation_details: { generations: [] } }, 'text', null]) {
      const run = () => parseLlmGatewayResponse(body, now);
      expect(run).toThrow(GatewayError);
      expect(run).toThrow(expect.objectContaining({ kind: 'upstream_error', retryable: false }));
    }
  });

  it('throws for a tool invocation without a name, or arguments that cannot be repaired', () => {
    const nameless = answer({ content: '', tool_invocations: [{ id: 'x', function: { arguments: '{}' } }] });
    expect(() => parseLlmGatewayResponse(nameless, now)).toThrow(/no function name/);
    const truncated = answer({
      content: '',
      tool_invocations: [{ id: 'x', function: { name: 'f', arguments: '{"city": "Par' } }],
    });
    expect(parseLlmGatewayResponse(truncated, now).content).toEqual([
      { type: 'tool-call', id: 'x', name: 'f', arguments: { city: 'Par' } },
    ]);
    for (const text of ['{"a":1} trailing', 'just prose']) {
      const broken = answer({
        content: '',
        tool_invocations: [{ id: 'x', function: { name: 'f', arguments: text } }],
      });
      expect(() => parseLlmGatewayResponse(broken, now)).toThrow(/tool "f" that are not JSON/);
    }
  });
});
