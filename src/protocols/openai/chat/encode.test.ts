import { describe, expect, it } from 'vitest';
import type { ChatResult, FinishReason } from '../../../core/model.ts';
import { encodeChatResponse, mapFinishReason } from './encode.ts';

const usage = { inputTokens: 120, outputTokens: 18, totalTokens: 138 };

function result(content: ChatResult['content'], finishReason: FinishReason): ChatResult {
  return {
    id: 'gw-7f3a',
    servedModel: 'sfdc_ai__DefaultGPT4Omni',
    created: 1_760_000_000,
    content,
    finishReason,
    usage,
  };
}

describe('encodeChatResponse', () => {
  it('encodes a text answer with the requested model name', () => {
    const encoded = encodeChatResponse(
      result(
        [
          { type: 'text', text: 'Hello' },
          { type: 'text', text: ', world.' },
        ],
        { unified: 'stop', raw: 'stop' },
      ),
      'my-model',
    );
    expect(encoded).toEqual({
      id: 'chatcmpl-gw-7f3a',
      object: 'chat.completion',
      created: 1_760_000_000,
      model: 'my-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello, world.', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 18, total_tokens: 138 },
    });
  });

  it('encodes tool calls with string arguments and null content', () => {
    const encoded = encodeChatResponse(
      result(
        [
          { type: 'tool-call', id: 'call_01', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_02', name: 'ping', arguments: {} },
        ],
        { unified: 'tool-calls', raw: null },
      ),
      'my-model',
    );
    expect(encoded.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: 'call_01',
              type: 'function',
              function: { name: 'lookup_order', arguments: '{"order_id":"A17"}' },
            },
            { id: 'call_02', type: 'function', function: { name: 'ping', arguments: '{}' } },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('keeps text that precedes tool calls', () => {
    const encoded = encodeChatResponse(
      result(
        [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool-call', id: 'call_1', name: 'a', arguments: { x: 1 } },
        ],
        { unified: 'tool-calls', raw: null },
      ),
      'm',
    );
    const [choice] = encoded.choices as Array<{ message: Record<string, unknown> }>;
    expect(choice?.message.content).toBe('Let me check.');
  });

  it('sends an empty string, not null, for an empty answer without tool calls', () => {
    const encoded = encodeChatResponse(result([], { unified: 'length', raw: 'length' }), 'm');
    const [choice] = encoded.choices as Array<{ message: Record<string, unknown>; finish_reason: string }>;
    expect(choice?.message.content).toBe('');
    expect(choice?.finish_reason).toBe('length');
  });
});

describe('encodeChatResponse: legacy function calling', () => {
  const legacy = { legacyFunctions: true };

  function onlyChoice(encoded: Record<string, unknown>) {
    const [choice] = encoded.choices as Array<{ message: Record<string, unknown>; finish_reason: string }>;
    return choice;
  }

  it('answers a call as message.function_call with string arguments and finish_reason function_call', () => {
    const encoded = encodeChatResponse(
      result([{ type: 'tool-call', id: 'call_01', name: 'lookup_order', arguments: { order_id: 'A17' } }], {
        unified: 'tool-calls',
        raw: null,
      }),
      'my-model',
      legacy,
    );
    expect(encoded.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          function_call: { name: 'lookup_order', arguments: '{"order_id":"A17"}' },
        },
        logprobs: null,
        finish_reason: 'function_call',
      },
    ]);
  });

  it('sends only the first of several calls', () => {
    const choice = onlyChoice(
      encodeChatResponse(
        result(
          [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool-call', id: 'call_01', name: 'lookup_order', arguments: { order_id: 'A17' } },
            { type: 'tool-call', id: 'call_02', name: 'ping', arguments: {} },
          ],
          { unified: 'tool-calls', raw: null },
        ),
        'my-model',
        legacy,
      ),
    );
    expect(choice?.message).toEqual({
      role: 'assistant',
      content: 'Checking both.',
      refusal: null,
      function_call: { name: 'lookup_order', arguments: '{"order_id":"A17"}' },
    });
    expect(choice?.finish_reason).toBe('function_call');
  });

  it('sends "{}" for a call without arguments', () => {
    const choice = onlyChoice(
      encodeChatResponse(
        result([{ type: 'tool-call', id: 'call_1', name: 'now', arguments: undefined }], {
          unified: 'tool-calls',
          raw: null,
        }),
        'm',
        legacy,
      ),
    );
    expect(choice?.message.function_call).toEqual({ name: 'now', arguments: '{}' });
  });

  it('leaves a text-only answer exactly as without the flag', () => {
    const textOnly = result([{ type: 'text', text: 'No call needed.' }], { unified: 'stop', raw: 'stop' });
    const encoded = encodeChatResponse(textOnly, 'm', legacy);
    expect(encoded).toEqual(encodeChatResponse(textOnly, 'm'));
    expect(onlyChoice(encoded)?.message).toEqual({
      role: 'assistant',
      content: 'No call needed.',
      refusal: null,
    });
    expect(onlyChoice(encoded)?.finish_reason).toBe('stop');
  });
});

describe('mapFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['stop-sequence', 'stop'],
    ['length', 'length'],
    ['tool-calls', 'tool_calls'],
    ['content-filter', 'content_filter'],
    ['other', 'stop'],
  ] as const)('maps %s to %s', (unified, expected) => {
    expect(mapFinishReason({ unified, raw: null })).toBe(expected);
  });

  it('maps tool-calls to function_call for legacy clients and leaves the rest alone', () => {
    expect(mapFinishReason({ unified: 'tool-calls', raw: null }, { legacyFunctions: true })).toBe(
      'function_call',
    );
    expect(mapFinishReason({ unified: 'length', raw: null }, { legacyFunctions: true })).toBe('length');
  });
});
