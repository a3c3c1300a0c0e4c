import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatResult, StreamEvent } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { encodeResponse, type ResponseEcho } from './encode.ts';
import { encodeResponseStream, type ResponseStreamOptions } from './stream.ts';

const echo: ResponseEcho = { tools: [], tool_choice: 'auto', store: false };
const usage = { inputTokens: 120, outputTokens: 31, totalTokens: 151 };
const start: StreamEvent = {
  type: 'response-start',
  id: 'gw-02',
  servedModel: 'upstream',
  created: 1_760_000_000,
  usage: { inputTokens: 120, outputTokens: 0, totalTokens: 120 },
};

async function* source(...events: Array<StreamEvent | Error>): AsyncIterable<StreamEvent> {
  for (const event of events) {
    if (event instanceof Error) throw event;
    yield event;
  }
}

type Data = Record<string, unknown>;

/** Runs the encoder and checks the framing of every frame: named event, data of the same type,
 * sequence numbers 0, 1, 2… */
async function collect(
  events: AsyncIterable<StreamEvent>,
  options: Partial<ResponseStreamOptions> = {},
): Promise<Data[]> {
  const frames: Data[] = [];
  for await (const text of encodeResponseStream(events, { requestedModel: 'my-model', echo, ...options })) {
    const match = /^event: ([\w.]+)\ndata: (.*)\n\n$/s.exec(text);
    if (!match) throw new Error(`malformed frame: ${JSON.stringify(text)}`);
    const [, event = '', data = ''] = match;
    const parsed = JSON.parse(data) as Data;
    expect(parsed.type).toBe(event);
    expect(parsed.sequence_number).toBe(frames.length);
    frames.push(parsed);
  }
  return frames;
}

function types(frames: Data[]): unknown[] {
  return frames.map((frame) => frame.type);
}

function ofType(frames: Data[], type: string): Data[] {
  return frames.filter((frame) => frame.type === type);
}

const finish = (unified: 'stop' | 'tool-calls' | 'length' = 'stop'): StreamEvent => ({
  type: 'finish',
  finishReason: { unified, raw: null },
  usage,
});

describe('encodeResponseStream', () => {
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

  it('hands the final Response object to onComplete before the terminal frame', async () => {
    const answer: ChatResult = {
      id: 'gw-hook',
      servedModel: 'upstream',
      created: 1_760_000_000,
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: { city: 'Oslo' } },
      ],
      finishReason: { unified: 'tool-calls', raw: null },
      usage,
    };
    const completed: unknown[] = [];
    let framesBeforeHook = -1;
    const frames: string[] = [];
    const onComplete: ResponseStreamOptions['onComplete'] = (response) => {
      framesBeforeHook = frames.length;
      completed.push(response);
    };
    for await (const frame of encodeResponseStream(simulateStream(answer), {
      requestedModel: 'my-model',
      echo,
      onComplete,
    }))
      frames.push(frame);
    expect(completed).toEqual([encodeResponse(answer, 'my-model', echo)]);
    expect(framesBeforeHook).toBe(frames.length - 1);
    expect(frames.at(-1)).toContain('event: response.completed');
  });

  it('calls onComplete for an incomplete answer, and not for a failed one', async () => {
    const completed: Data[] = [];
    const onComplete = (response: Data) => completed.push(response);
    await collect(
      source(start, { type: 'text-delta', index: 0, delta: 'Paris is the cap' }, finish('length')),
      { onComplete },
    );
    expect(completed).toMatchObject([{ status: 'incomplete', output: [{ id: 'msg_gw-02_0' }] }]);
    const failure = new GatewayError('upstream_timeout', 'The upstream did not answer in time.');
    const frames = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Hi' }, failure), {
      onComplete,
    });
    expect(frames.at(-1)?.type).toBe('response.failed');
    expect(completed).toHaveLength(1);
  });

  it('ends an answer cut short with response.incomplete and an incomplete message', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Paris is the cap' },
        { type: 'text-end', index: 0 },
        finish('length'),
      ),
    );
    expect(types(frames).slice(-3)).toEqual([
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(ofType(frames, 'response.output_item.done')[0]?.item).toMatchObject({ status: 'incomplete' });
    expect(frames.at(-1)?.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
  });

  it('turns an error after the first frame into an error event and response.failed', async () => {
    const reported: GatewayError[] = [];
    const failure = new GatewayError('upstream_timeout', 'The upstream did not answer in time.');
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'ping' },
        { type: 'tool-call-end', index: 0, arguments: {} },
        { type: 'text-delta', index: 1, delta: 'Part' },
        { type: 'error', error: failure },
      ),
      { onError: (error) => reported.push(error) },
    );
    expect(types(frames).slice(-3)).toEqual(['response.output_text.delta', 'error', 'response.failed']);
    expect(frames.at(-2)).toEqual({
      type: 'error',
      sequence_number: frames.length - 2,
      code: 'server_error',
      message: 'The upstream did not answer in time.',
      param: null,
    });
    expect(frames.at(-1)?.response).toMatchObject({
      id: 'resp_gw-02',
      status: 'failed',
      error: { code: 'server_error', message: 'The upstream did not answer in time.' },
      output: [{ type: 'function_call', call_id: 'call_1', status: 'completed' }],
    });
    expect(reported).toEqual([failure]);
  });

  it('reports a rate limit thrown mid-stream with its own codes', async () => {
    const failure = new GatewayError('rate_limit', 'Slow down.', { code: 'rate_limit_exceeded' });
    const frames = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Hi' }, failure));
    expect(frames.at(-2)).toMatchObject({
      type: 'error',
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
    });
    expect(frames.at(-1)?.response).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });

  it('reports a source that ends without finishing', async () => {
    const frames = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Hi' }));
    expect(frames.at(-2)).toMatchObject({
      type: 'error',
      message: 'The upstream stream ended before the answer was complete.',
    });
    expect(frames.at(-1)?.type).toBe('response.failed');
  });

  it('re-throws an error that comes before any frame, emitting nothing', async () => {
    const failure = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 3 });
    const frames: string[] = [];
    await expect(async () => {
      for await (const frame of encodeResponseStream(source({ type: 'error', error: failure }), {
        requestedModel: 'my-model',
        echo,
      }))
        frames.push(frame);
    }).rejects.toBe(failure);
    expect(frames).toEqual([]);
  });

  it('starts a well-formed response when the source skips response-start', async () => {
    const frames = await collect(source({ type: 'text-delta', index: 0, delta: 'Hi' }, finish()));
    expect(types(frames).slice(0, 3)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
    ]);
    const id = String((frames[0]?.response as Data | undefined)?.id);
    expect(id).toMatch(/^resp_/);
    expect((frames[2]?.item as Data | undefined)?.id).toBe(`msg_${id.slice('resp_'.length)}_0`);
  });
});
