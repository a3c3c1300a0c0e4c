import { describe, expect, it } from 'vitest';
import type { ChatResult, FinishReason, ModelInfo } from '../../core/model.ts';
import { encodeAnthropicModel, encodeAnthropicModelList, encodeMessageResponse } from './encode.ts';

const usage = { inputTokens: 120, outputTokens: 24, totalTokens: 144 };

function result(content: ChatResult['content'], finishReason: FinishReason): ChatResult {
  return { id: 'gw-01', servedModel: 'sfdc_ai__Up', created: 1_760_000_000, content, finishReason, usage };
}

describe('encodeMessageResponse', () => {
  it('encodes reasoning as thinking blocks, always with thinking and signature, or redacted_thinking', () => {
    const body = encodeMessageResponse(
      result(
        [
          { type: 'reasoning', text: 'Look it up.', signature: 'c2ln' },
          { type: 'reasoning', text: 'Unsigned.' },
          { type: 'reasoning', text: '', redactedData: 'b3BhcXVl' },
          { type: 'text', text: 'Done.' },
        ],
        { unified: 'stop', raw: 'end_turn' },
      ),
      'claude-sonnet-5',
    );
    expect(body.content).toEqual([
      { type: 'thinking', thinking: 'Look it up.', signature: 'c2ln' },
      { type: 'thinking', thinking: 'Unsigned.', signature: '' },
      { type: 'redacted_thinking', data: 'b3BhcXVl' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('encodes text and tool calls as content blocks with the input as an object', () => {
    const body = encodeMessageResponse(
      result(
        [
          { type: 'text', text: 'Let me look that up.' },
          { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_2', name: 'ping', arguments: undefined },
        ],
        { unified: 'tool-calls', raw: null },
      ),
      'claude-sonnet-5',
    );
    expect(body).toEqual({
      id: 'msg_gw-01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      content: [
        { type: 'text', text: 'Let me look that up.' },
        { type: 'tool_use', id: 'call_1', name: 'lookup_order', input: { order_id: 'A17' } },
        { type: 'tool_use', id: 'call_2', name: 'ping', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 120,
        output_tokens: 24,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it.each([
    [{ unified: 'stop', raw: 'stop' }, 'end_turn', null],
    [{ unified: 'stop-sequence', raw: 'stop', stopSequence: '###' }, 'stop_sequence', '###'],
    [{ unified: 'length', raw: 'length' }, 'max_tokens', null],
    [{ unified: 'content-filter', raw: 'blocked' }, 'refusal', null],
    [{ unified: 'other', raw: 'weird' }, 'end_turn', null],
    [{ unified: 'tool-calls', raw: null }, 'tool_use', null],
  ] as const)('maps %j to stop_reason %s', (finishReason, stopReason, stopSequence) => {
    const body = encodeMessageResponse(result([{ type: 'text', text: 'x' }], finishReason), 'm');
    expect(body.stop_reason).toBe(stopReason);
    expect(body.stop_sequence).toBe(stopSequence);
  });

  it('answers an empty generation with no content blocks, as Anthropic does', () => {
    const body = encodeMessageResponse(
      result([{ type: 'text', text: '' }], { unified: 'stop', raw: 'stop' }),
      'm',
    );
    expect(body.content).toEqual([]);
    expect(body.stop_reason).toBe('end_turn');
  });

  it('keeps an id that already has the msg_ prefix', () => {
    const body = encodeMessageResponse({ ...result([], { unified: 'stop', raw: null }), id: 'msg_abc' }, 'm');
    expect(body.id).toBe('msg_abc');
  });
});

describe('Anthropic model list', () => {
  const models: ModelInfo[] = ['claude-a', 'claude-b', 'claude-c'].map((id) => ({
    id,
    upstreamModel: `sfdc_ai__${id}`,
    kind: 'chat',
    label: `Label ${id}`,
    ownedBy: 'salesforce',
  }));
  const createdAt = '2026-01-01T00:00:00Z';

  it('encodes one model', () => {
    expect(encodeAnthropicModel(models[0] as ModelInfo, createdAt)).toEqual({
      id: 'claude-a',
      type: 'model',
      display_name: 'Label claude-a',
      created_at: createdAt,
    });
  });

  it('returns everything in one page by default', () => {
    expect(encodeAnthropicModelList(models, createdAt, {})).toEqual({
      data: models.map((model) => encodeAnthropicModel(model, createdAt)),
      has_more: false,
      first_id: 'claude-a',
      last_id: 'claude-c',
    });
  });

  it.each([
    [{ limit: 2 }, ['claude-a', 'claude-b'], true],
    [{ limit: 2, afterId: 'claude-b' }, ['claude-c'], false],
    [{ limit: 1, afterId: 'claude-a' }, ['claude-b'], true],
    [{ limit: 1, beforeId: 'claude-c' }, ['claude-b'], true],
    [{ limit: 5, beforeId: 'claude-b' }, ['claude-a'], false],
    [{ afterId: 'unknown' }, [], false],
    [{ limit: 0 }, ['claude-a'], true],
  ])('pages with %j', (page, ids, hasMore) => {
    const list = encodeAnthropicModelList(models, createdAt, page);
    expect((list.data as Array<{ id: string }>).map((model) => model.id)).toEqual(ids);
    expect(list.has_more).toBe(hasMore);
    expect(list.first_id).toBe(ids[0] ?? null);
    expect(list.last_id).toBe(ids.at(-1) ?? null);
  });
});
