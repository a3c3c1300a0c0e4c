import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatResult } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { checkBlockIndices, collect, finish, names, source, start, usage } from './stream.fixtures.ts';
import { encodeMessageStreamPing } from './stream.ts';

describe('encodeMessageStream', () => {
  it('streams text with the exact event grammar', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Hello' },
        { type: 'text-delta', index: 0, delta: '' },
        { type: 'text-delta', index: 0, delta: ' world' },
        { type: 'text-end', index: 0 },
        finish(),
      ),
    );
    expect(frames.map((frame) => frame.data)).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_gw-02',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 120,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' world' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 120, output_tokens: 31 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streams text then two tool calls with consecutive indices and input_json_delta fragments', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Checking.' },
        { type: 'text-end', index: 0 },
        { type: 'tool-call-start', index: 1, id: 'call_a', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{"order_id":' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '"A17"}' },
        { type: 'tool-call-end', index: 1, arguments: { order_id: 'A17' } },
        { type: 'tool-call-start', index: 2, id: 'call_b', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{"order_id":"B2"}' },
        { type: 'tool-call-end', index: 2, arguments: { order_id: 'B2' } },
        finish('tool-calls'),
      ),
    );
    expect(names(frames)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(checkBlockIndices(frames)).toEqual([0, 1, 2]);
    expect(frames[4]?.data).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'call_a', name: 'lookup_order', input: {} },
    });
    const partialJson = (index: number) =>
      frames
        .filter((frame) => frame.event === 'content_block_delta' && frame.data.index === index)
        .map((frame) => (frame.data.delta as { partial_json: string }).partial_json)
        .join('');
    expect(JSON.parse(partialJson(1))).toEqual({ order_id: 'A17' });
    expect(JSON.parse(partialJson(2))).toEqual({ order_id: 'B2' });
    expect(frames.at(-2)?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('sends "{}" for a tool call whose arguments never streamed', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_p', name: 'ping' },
        { type: 'tool-call-end', index: 0, arguments: undefined },
        finish('tool-calls'),
      ),
    );
    expect(frames.slice(1, 4).map((frame) => frame.data)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'call_p', name: 'ping', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('numbers blocks from 0 even when empty text parts make no block, and tolerates missing start/end events', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-end', index: 0 },
        { type: 'text-delta', index: 1, delta: 'No start event.' },
        { type: 'tool-call-start', index: 2, id: 'call_x', name: 'ping' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
        finish('tool-calls'),
      ),
    );
    expect(checkBlockIndices(frames)).toEqual([0, 1]);
    expect(names(frames).slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('matches the simulated stream of a whole result, ending with the stop sequence', async () => {
    const result: ChatResult = {
      id: 'gw-3',
      servedModel: 'upstream',
      created: 1,
      content: [{ type: 'text', text: 'Count: one two three' }],
      finishReason: { unified: 'stop-sequence', raw: 'stop', stopSequence: 'four' },
      usage,
    };
    const frames = await collect(simulateStream(result));
    checkBlockIndices(frames);
    const text = frames
      .filter((frame) => frame.event === 'content_block_delta')
      .map((frame) => (frame.data.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Count: one two three');
    expect(frames.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'stop_sequence', stop_sequence: 'four' },
      usage: { input_tokens: 120, output_tokens: 31 },
    });
  });

  it('ends with an error event when the source reports an error mid-stream', async () => {
    const reported: GatewayError[] = [];
    const frames = await collect(
      source(
        start,
        { type: 'text-delta', index: 0, delta: 'Partial' },
        {
          type: 'error',
          error: new GatewayError('upstream_unavailable', 'Overloaded'),
        },
      ),
      { requestId: 'req_1', onError: (error) => reported.push(error) },
    );
    expect(names(frames)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'error']);
    expect(frames.at(-1)?.data).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_1',
    });
    expect(reported.map((error) => error.message)).toEqual(['Overloaded']);
  });

  it('turns a source that throws after starting into an api_error event without leaking details', async () => {
    const frames = await collect(source(start, new Error('socket hang up: secret detail')));
    expect(names(frames)).toEqual(['message_start', 'error']);
    expect(frames[1]?.data.error).toEqual({
      type: 'api_error',
      message: 'The gateway hit an unexpected error. It has been logged.',
    });
  });

  it('reports a source that ends without finishing', async () => {
    const frames = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Cut' }));
    expect(frames.at(-1)?.data.error).toEqual({
      type: 'api_error',
      message: 'The upstream stream ended before the answer was complete.',
    });
  });

  it('re-throws an error that comes before anything was sent, so it can become an HTTP error', async () => {
    const limited = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 3 });
    await expect(collect(source({ type: 'error', error: limited }))).rejects.toBe(limited);
    await expect(collect(source(new GatewayError('not_found', 'No such model.')))).rejects.toThrow(
      'No such model.',
    );
  });

  it('builds message_start even when the source skips response-start', async () => {
    const frames = await collect(source({ type: 'text-delta', index: 0, delta: 'Hi' }, finish()));
    const message = frames[0]?.data.message as { id: string; usage: Record<string, number> };
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage).toMatchObject({ input_tokens: 0, output_tokens: 0 });
    expect(names(frames)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });
});

describe('encodeMessageStreamPing', () => {
  it('is a named ping event', () => {
    expect(encodeMessageStreamPing()).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });
});
