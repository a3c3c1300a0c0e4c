import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../core/model.ts';
import { decodeBedrockStream } from './decode-bedrock-stream.ts';
import {
  bodyOf,
  chunkFrame,
  collect,
  exceptionFrame,
  joinFrames,
  textAnswerEvents,
} from './event-stream.fixtures.ts';

const now = () => 1_760_000_000_000;
const decode = (events: unknown[], cuts: number[] = []) =>
  collect(decodeBedrockStream(bodyOf(joinFrames(events.map((event) => chunkFrame(event))), cuts), now));

const start = (index: number, type: string, fields: object = {}) => ({
  type: 'content_block_start',
  index,
  content_block: { type, ...fields },
});
const delta = (index: number, type: string, fields: object) => ({
  type: 'content_block_delta',
  index,
  delta: { type, ...fields },
});
const stop = (index: number) => ({ type: 'content_block_stop', index });
const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_bdrk_02',
    model: 'claude-sonnet-4-6',
    content: [],
    usage: { input_tokens: 40, output_tokens: 1 },
  },
};
const ending = (stopReason: string, outputTokens: number, stopSequence: string | null = null) => [
  {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: stopSequence },
    usage: { output_tokens: outputTokens },
  },
  { type: 'message_stop' },
];

const textAnswer: StreamEvent[] = [
  {
    type: 'response-start',
    id: 'msg_bdrk_01',
    servedModel: 'claude-sonnet-4-6',
    created: 1_760_000_000,
    usage: { inputTokens: 12, outputTokens: 1, totalTokens: 13 },
  },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Hi' },
  { type: 'text-delta', index: 0, delta: ' there.' },
  { type: 'text-end', index: 0 },
  {
    type: 'finish',
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
  },
];

describe('decodeBedrockStream', () => {
  it('turns a streamed text answer into neutral events with one finish', async () => {
    expect(await decode(textAnswerEvents)).toEqual(textAnswer);
  });

  it('yields the same events wherever the body is cut', async () => {
    const length = joinFrames(textAnswerEvents.map((event) => chunkFrame(event))).byteLength;
    for (let cut = 0; cut <= length; cut += 1) {
      expect(await decode(textAnswerEvents, [cut]), `cut at ${cut}`).toEqual(textAnswer);
    }
    const everyByte = Array.from({ length: length - 1 }, (_, index) => index + 1);
    expect(await decode(textAnswerEvents, everyByte)).toEqual(textAnswer);
  });

  it('streams a tool call: start, argument fragments, then the arguments parsed at stop', async () => {
    const events = await decode([
      messageStart,
      start(0, 'tool_use', { id: 'toolu_bdrk_07', name: 'lookup_circuit', input: {} }),
      delta(0, 'input_json_delta', { partial_json: '{"unit":' }),
      delta(0, 'input_json_delta', { partial_json: '"R-12"}' }),
      stop(0),
      ...ending('tool_use', 31),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_bdrk_07', name: 'lookup_circuit' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"unit":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"R-12"}' },
      { type: 'tool-call-end', index: 0, arguments: { unit: 'R-12' } },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: { inputTokens: 40, outputTokens: 31, totalTokens: 71 },
      },
    ]);
  });

  it('repairs arguments cut short, and gives {} for a call without arguments', async () => {
    const events = await decode([
      messageStart,
      start(0, 'tool_use', { id: 'toolu_1', name: 'lookup_circuit', input: {} }),
      delta(0, 'input_json_delta', { partial_json: '{"unit": "R-12", "verbose": true' }),
      stop(0),
      start(1, 'tool_use', { id: 'toolu_2', name: 'list_units', input: {} }),
      stop(1),
      ...ending('max_tokens', 9),
    ]);
    const ends = events.filter((event) => event.type === 'tool-call-end');
    expect(ends).toEqual([
      { type: 'tool-call-end', index: 0, arguments: { unit: 'R-12', verbose: true } },
      { type: 'tool-call-end', index: 1, arguments: {} },
    ]);
  });

  it('streams thinking with its signature, and redacted thinking with its data', async () => {
    const events = await decode([
      messageStart,
      start(0, 'thinking', { thinking: '', signature: '' }),
      delta(0, 'thinking_delta', { thinking: 'Circuit 4 ' }),
      delta(0, 'thinking_delta', { thinking: 'feeds R-12.' }),
      delta(0, 'signature_delta', { signature: 'EqQBCkYI' }),
      stop(0),
      start(1, 'redacted_thinking', { data: 'EmwKAhgB' }),
      stop(1),
      start(2, 'text', { text: '' }),
      delta(2, 'text_delta', { text: 'Circuit 4.' }),
      stop(2),
      ...ending('end_turn', 20),
    ]);
    expect(events.slice(1, -1)).toEqual([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Circuit 4 ' },
      { type: 'reasoning-delta', index: 0, delta: 'feeds R-12.' },
      { type: 'reasoning-end', index: 0, signature: 'EqQBCkYI' },
      { type: 'reasoning-start', index: 1 },
      { type: 'reasoning-end', index: 1, redactedData: 'EmwKAhgB' },
      { type: 'text-start', index: 2 },
      { type: 'text-delta', index: 2, delta: 'Circuit 4.' },
      { type: 'text-end', index: 2 },
    ]);
  });

  it('reports the matched stop sequence and counts cached input tokens', async () => {
    const cachedStart = {
      type: 'message_start',
      message: {
        id: 'msg_3',
        model: 'm',
        usage: { input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 1 },
      },
    };
    const events = await decode([
      cachedStart,
      start(0, 'text'),
      delta(0, 'text_delta', { text: 'A' }),
      stop(0),
      ...ending('stop_sequence', 2, 'END'),
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop-sequence', raw: 'stop_sequence', stopSequence: 'END' },
      usage: { inputTokens: 105, outputTokens: 2, totalTokens: 107 },
    });
  });

  it('falls back to Bedrock invocation metrics when the events carry no usage', async () => {
    const events = await decode([
      { type: 'message_start', message: { id: 'msg_4', model: 'm' } },
      {
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': { inputTokenCount: 9, outputTokenCount: 3 },
      },
    ]);
    expect(events).toEqual([
      {
        type: 'response-start',
        id: 'msg_4',
        servedModel: 'm',
        created: 1_760_000_000,
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: null },
        usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 },
      },
    ]);
  });

  it('closes blocks left open at message_stop and ignores unknown events and blocks', async () => {
    const events = await decode([
      messageStart,
      start(0, 'server_tool_use', { id: 'srv_1', name: 'web_search' }),
      delta(0, 'input_json_delta', { partial_json: '{}' }),
      stop(0),
      { type: 'some_future_event' },
      start(1, 'text'),
      delta(1, 'citations_delta', { citation: {} }),
      delta(1, 'text_delta', { text: 'Done' }),
      ...ending('end_turn', 3),
    ]);
    expect(events.slice(1).map((event) => event.type)).toEqual([
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  it('throws the error an Anthropic error event carries, after the events before it', async () => {
    const seen: StreamEvent[] = [];
    const body = joinFrames(
      [
        messageStart,
        start(0, 'text'),
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ].map((event) => chunkFrame(event)),
    );
    const reading = (async () => {
      for await (const event of decodeBedrockStream(bodyOf(body), now)) seen.push(event);
    })();
    await expect(reading).rejects.toMatchObject({
      kind: 'upstream_unavailable',
      message: expect.stringContaining('Overloaded'),
    });
    expect(seen.map((event) => event.type)).toEqual(['response-start', 'text-start']);
  });

  it.each([{ type: 'error' }, { type: 'error', error: null }])(
    'throws an upstream error for an error event that says nothing readable (%o)',
    async (errorEvent) => {
      const body = joinFrames([messageStart, start(0, 'text'), errorEvent].map((event) => chunkFrame(event)));
      await expect(collect(decodeBedrockStream(bodyOf(body), now))).rejects.toMatchObject({
        kind: 'upstream_error',
        message: expect.stringContaining('gave no details'),
      });
    },
  );

  it('throws on an exception frame mid-stream', async () => {
    const body = joinFrames([
      chunkFrame(messageStart),
      exceptionFrame('throttlingException', 'Too many requests'),
    ]);
    await expect(collect(decodeBedrockStream(bodyOf(body), now))).rejects.toMatchObject({
      kind: 'rate_limit',
    });
  });

  it('throws an upstream error for an empty stream', async () => {
    await expect(collect(decodeBedrockStream(bodyOf(new Uint8Array(0)), now))).rejects.toMatchObject({
      kind: 'upstream_error',
      code: 'empty_stream',
    });
    await expect(decode([messageStart, { type: 'ping' }])).rejects.toMatchObject({ code: 'empty_stream' });
  });

  it('throws when the stream ends after content but before message_stop', async () => {
    await expect(decode(textAnswerEvents.slice(0, 4))).rejects.toMatchObject({
      kind: 'upstream_error',
      code: 'stream_cut',
    });
  });

  it('throws when the body is cut inside a frame', async () => {
    const bytes = joinFrames(textAnswerEvents.map((event) => chunkFrame(event)));
    await expect(collect(decodeBedrockStream(bodyOf(bytes.slice(0, -3)), now))).rejects.toMatchObject({
      kind: 'upstream_error',
    });
  });

  it('stops reading at message_stop, so nothing after it is emitted', async () => {
    const events = await decode([
      ...textAnswerEvents,
      start(1, 'text'),
      delta(1, 'text_delta', { text: 'late' }),
    ]);
    expect(events).toEqual(textAnswer);
  });
});
