import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { encodeResponse } from './encode.ts';
import { collect, type Data, echo, finish, ofType, source, start, types, usage } from './stream.fixtures.ts';

describe('encodeResponseStream: text and function-call items', () => {
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
    expect(types(frames)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const address = { item_id: 'msg_gw-02_0', output_index: 0, content_index: 0 };
    expect(frames[1]?.response).toMatchObject({
      id: 'resp_gw-02',
      object: 'response',
      created_at: 1_760_000_000,
      status: 'in_progress',
      model: 'my-model',
      output: [],
      usage: null,
      tool_choice: 'auto',
    });
    expect(frames[2]).toEqual({
      type: 'response.output_item.added',
      sequence_number: 2,
      output_index: 0,
      item: { type: 'message', id: 'msg_gw-02_0', status: 'in_progress', role: 'assistant', content: [] },
    });
    expect(frames[3]).toEqual({
      type: 'response.content_part.added',
      sequence_number: 3,
      ...address,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    expect(frames[4]).toEqual({
      type: 'response.output_text.delta',
      sequence_number: 4,
      ...address,
      delta: 'Hello',
      logprobs: [],
    });
    expect(frames[6]).toEqual({
      type: 'response.output_text.done',
      sequence_number: 6,
      ...address,
      text: 'Hello world',
      logprobs: [],
    });
    expect(frames[7]?.part).toEqual({ type: 'output_text', text: 'Hello world', annotations: [] });
    const item = {
      type: 'message',
      id: 'msg_gw-02_0',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hello world', annotations: [] }],
    };
    expect(frames[8]).toEqual({
      type: 'response.output_item.done',
      sequence_number: 8,
      output_index: 0,
      item,
    });
    expect(frames[9]?.response).toMatchObject({
      status: 'completed',
      output: [item],
      usage: { input_tokens: 120, output_tokens: 31, total_tokens: 151 },
    });
  });

  it('streams tool calls whose argument deltas concatenate to the arguments', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"order_' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: 'id":"A17"}' },
        { type: 'tool-call-end', index: 0, arguments: { order_id: 'A17' } },
        { type: 'tool-call-start', index: 1, id: 'call_2', name: 'ping' },
        { type: 'tool-call-end', index: 1, arguments: undefined },
        finish('tool-calls'),
      ),
    );
    expect(types(frames)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(frames[2]).toEqual({
      type: 'response.output_item.added',
      sequence_number: 2,
      output_index: 0,
      item: {
        type: 'function_call',
        id: 'fc_gw-02_0',
        call_id: 'call_1',
        name: 'lookup_order',
        arguments: '',
        status: 'in_progress',
      },
    });
    const deltas = ofType(frames, 'response.function_call_arguments.delta');
    const dones = ofType(frames, 'response.function_call_arguments.done');
    expect(
      deltas
        .filter((frame) => frame.item_id === 'fc_gw-02_0')
        .map((frame) => frame.delta)
        .join(''),
    ).toBe('{"order_id":"A17"}');
    // a call whose arguments never streamed still sends parseable JSON
    expect(deltas.at(-1)).toMatchObject({ item_id: 'fc_gw-02_1', output_index: 1, delta: '{}' });
    expect(dones).toEqual([
      {
        type: 'response.function_call_arguments.done',
        sequence_number: 5,
        item_id: 'fc_gw-02_0',
        output_index: 0,
        arguments: '{"order_id":"A17"}',
      },
      {
        type: 'response.function_call_arguments.done',
        sequence_number: 9,
        item_id: 'fc_gw-02_1',
        output_index: 1,
        arguments: '{}',
      },
    ]);
    expect(ofType(frames, 'response.output_item.done').map((frame) => frame.item)).toEqual([
      {
        type: 'function_call',
        id: 'fc_gw-02_0',
        call_id: 'call_1',
        name: 'lookup_order',
        arguments: '{"order_id":"A17"}',
        status: 'completed',
      },
      {
        type: 'function_call',
        id: 'fc_gw-02_1',
        call_id: 'call_2',
        name: 'ping',
        arguments: '{}',
        status: 'completed',
      },
    ]);
  });

  it('keeps item ids and output indices consistent, and completes with the unstreamed response', async () => {
    const answer: ChatResult = {
      id: 'gw-mixed',
      servedModel: 'upstream',
      created: 1_760_000_000,
      content: [
        { type: 'text', text: 'Let me check both orders for you.' },
        {
          type: 'tool-call',
          id: 'call_1',
          name: 'lookup_order',
          arguments: { order_id: 'A17', verbose: true },
        },
        { type: 'tool-call', id: 'call_2', name: 'lookup_order', arguments: { order_id: 'B2' } },
      ],
      finishReason: { unified: 'tool-calls', raw: null },
      usage,
    };
    const frames = await collect(simulateStream(answer));
    const added = ofType(frames, 'response.output_item.added');
    expect(added.map((frame) => [frame.output_index, (frame.item as Data).id])).toEqual([
      [0, 'msg_gw-mixed_0'],
      [1, 'fc_gw-mixed_1'],
      [2, 'fc_gw-mixed_2'],
    ]);
    const addressed = frames.filter((frame) => 'item_id' in frame);
    for (const frame of addressed) {
      const opening = added.find((candidate) => candidate.output_index === frame.output_index);
      expect(frame.item_id).toBe((opening?.item as Data | undefined)?.id);
    }
    const text = ofType(frames, 'response.output_text.delta')
      .map((frame) => frame.delta)
      .join('');
    expect(text).toBe('Let me check both orders for you.');
    const completed = frames.at(-1);
    expect(completed?.type).toBe('response.completed');
    expect(completed?.response).toEqual(encodeResponse(answer, 'my-model', echo));
  });
});
