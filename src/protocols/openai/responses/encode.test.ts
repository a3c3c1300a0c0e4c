import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { encodeResponse, type ResponseEcho } from './encode.ts';

const echo: ResponseEcho = {
  instructions: null,
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  text: { format: { type: 'text' } },
  temperature: null,
  top_p: null,
  max_output_tokens: null,
  truncation: 'disabled',
  metadata: null,
  store: false,
  background: false,
  previous_response_id: null,
};

const usage = { inputTokens: 30, outputTokens: 12, totalTokens: 42 };

function result(content: ChatResult['content'], unified: ChatResult['finishReason']['unified']): ChatResult {
  return {
    id: 'gw-7',
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content,
    finishReason: { unified, raw: null },
    usage,
  };
}

const wireUsage = {
  input_tokens: 30,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 12,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 42,
};

describe('encodeResponse', () => {
  it('encodes a text answer as one completed message item', () => {
    expect(encodeResponse(result([{ type: 'text', text: 'Paris.' }], 'stop'), 'my-model', echo)).toEqual({
      id: 'resp_gw-7',
      object: 'response',
      created_at: 1_760_000_000,
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'my-model',
      output: [
        {
          type: 'message',
          id: 'msg_gw-7_0',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Paris.', annotations: [] }],
        },
      ],
      usage: wireUsage,
      ...echo,
    });
  });

  it('encodes tool calls as function_call items with JSON-string arguments', () => {
    const response = encodeResponse(
      result(
        [
          { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_2', name: 'ping', arguments: undefined },
        ],
        'tool-calls',
      ),
      'my-model',
      echo,
    );
    expect(response.status).toBe('completed');
    expect(response.output).toEqual([
      {
        type: 'function_call',
        id: 'fc_gw-7_0',
        call_id: 'call_1',
        name: 'lookup_order',
        arguments: '{"order_id":"A17"}',
        status: 'completed',
      },
      {
        type: 'function_call',
        id: 'fc_gw-7_1',
        call_id: 'call_2',
        name: 'ping',
        arguments: '{}',
        status: 'completed',
      },
    ]);
  });

  it('keeps text and calls in order, skipping empty text parts, and numbers ids by position', () => {
    const response = encodeResponse(
      result(
        [
          { type: 'text', text: '' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'call_1', name: 'ping', arguments: {} },
        ],
        'tool-calls',
      ),
      'my-model',
      echo,
    );
    expect(response.output).toEqual([
      {
        type: 'message',
        id: 'msg_gw-7_0',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
      },
      {
        type: 'function_call',
        id: 'fc_gw-7_1',
        call_id: 'call_1',
        name: 'ping',
        arguments: '{}',
        status: 'completed',
      },
    ]);
  });

  it('marks an answer cut short by the token limit incomplete, with its last message', () => {
    const response = encodeResponse(
      result([{ type: 'text', text: 'Paris is the cap' }], 'length'),
      'my-model',
      echo,
    );
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
  });

  it('reports a content filter as incomplete with its reason', () => {
    const response = encodeResponse(result([], 'content-filter'), 'my-model', echo);
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output: [],
    });
  });

  it('keeps a result id that already has the resp_ prefix', () => {
    const response = encodeResponse(
      { ...result([{ type: 'text', text: 'x' }], 'stop'), id: 'resp_abc' },
      'm',
      echo,
    );
    expect(response.id).toBe('resp_abc');
    expect(response.output).toMatchObject([{ id: 'msg_abc_0' }]);
  });
});
