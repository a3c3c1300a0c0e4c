import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { chunk, collect, payloads, source, start, usage } from './stream.fixtures.ts';
import { encodeChatStream } from './stream.ts';

describe('encodeChatStream', () => {
  it('streams text: role chunk, content deltas, finish chunk, [DONE]', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Hello' },
        { type: 'text-delta', index: 0, delta: '' },
        { type: 'text-delta', index: 0, delta: ' world' },
        { type: 'text-end', index: 0 },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ),
    );
    expect(payloads(frames)).toEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello' }),
      chunk({ content: ' world' }),
      chunk({}, 'stop'),
      '[DONE]',
    ]);
  });

  it('produces the canonical tool-call sequence with a usage chunk, byte for byte', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Checking' },
        { type: 'text-end', index: 0 },
        { type: 'tool-call-start', index: 1, id: 'call_01', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{"order_id":' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '"A17"}' },
        { type: 'tool-call-end', index: 1, arguments: { order_id: 'A17' } },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
      { includeUsage: true },
    );
    const head =
      '"id":"chatcmpl-gw-1","object":"chat.completion.chunk","created":1760000000,"model":"my-model"';
    expect(frames.join('')).toBe(
      [
        `data: {${head},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}`,
        `data: {${head},"choices":[{"index":0,"delta":{"content":"Checking"},"finish_reason":null}],"usage":null}`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_01","type":"function","function":{"name":"lookup_order","arguments":""}}]},"finish_reason":null}],"usage":null}`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"order_id\\":"}}]},"finish_reason":null}],"usage":null}`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"A17\\"}"}}]},"finish_reason":null}],"usage":null}`,
        `data: {${head},"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}`,
        `data: {${head},"choices":[],"usage":{"prompt_tokens":120,"completion_tokens":18,"total_tokens":138}}`,
        'data: [DONE]',
        '',
      ].join('\n\n'),
    );
  });

  it('numbers tool calls from 0 and delivers "{}" for a call whose arguments never streamed', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'ping' },
        { type: 'tool-call-end', index: 0, arguments: {} },
        { type: 'tool-call-start', index: 1, id: 'call_b', name: 'now' },
        { type: 'tool-call-end', index: 1, arguments: undefined },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
    );
    expect(payloads(frames).slice(1, -2)).toEqual([
      chunk({
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'ping', arguments: '' } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
      chunk({
        tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'now', arguments: '' } }],
      }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
    ]);
  });

  it('sends the whole arguments at the end when a producer streamed none', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'lookup' },
        { type: 'tool-call-end', index: 0, arguments: { id: 7 } },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
    );
    expect(payloads(frames)[2]).toEqual(
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"id":7}' } }] }),
    );
  });

  it('omits usage entirely when include_usage was not asked for', async () => {
    const frames = await collect(
      source(start, { type: 'finish', finishReason: { unified: 'stop', raw: null }, usage }),
    );
    for (const payload of payloads(frames).slice(0, -1)) expect(payload).not.toHaveProperty('usage');
  });

  it('turns a mid-stream error event into an OpenAI error frame and ends without [DONE]', async () => {
    const reported: GatewayError[] = [];
    const failure = new GatewayError('upstream_timeout', 'The upstream did not answer in time.');
    const frames = await collect(
      source(start, { type: 'text-delta', index: 0, delta: 'Hel' }, { type: 'error', error: failure }),
      { onError: (error) => reported.push(error) },
    );
    expect(payloads(frames)).toEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      {
        error: {
          message: 'The upstream did not answer in time.',
          type: 'server_error',
          param: null,
          code: null,
        },
      },
    ]);
    expect(reported).toEqual([failure]);
  });

  it('treats a source that throws mid-stream as an internal error', async () => {
    const frames = await collect(source(start, new Error('socket hang up')));
    expect(payloads(frames).at(-1)).toEqual({
      error: {
        message: 'The gateway hit an unexpected error. It has been logged.',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  });

  it('reports a started stream that ends without finish as an upstream error', async () => {
    const frames = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Hi' }));
    expect(payloads(frames).at(-1)).toEqual({
      error: {
        message: 'The upstream stream ended before the answer was complete.',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  });

  it('re-throws an error that arrives before the first chunk, so HTTP can still report it', async () => {
    const rateLimited = new GatewayError('rate_limit', 'Too many requests.', { retryAfterSeconds: 5 });
    await expect(collect(source({ type: 'error', error: rateLimited }))).rejects.toBe(rateLimited);
    const thrown = new GatewayError('not_found', 'No such model.');
    await expect(collect(source(thrown))).rejects.toBe(thrown);
  });

  it('still opens with a role chunk when the source skipped response-start', async () => {
    const frames = await collect(
      source(
        { type: 'text-delta', index: 0, delta: 'Hi' },
        { type: 'finish', finishReason: { unified: 'stop', raw: null }, usage },
      ),
    );
    const [first, second] = payloads(frames) as Array<{ id: string; choices: Array<{ delta: unknown }> }>;
    expect(first?.id).toMatch(/^chatcmpl-.+/);
    expect(first?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(second?.choices[0]?.delta).toEqual({ content: 'Hi' });
  });

  it('stops the source when the consumer stops early', async () => {
    let closed = false;
    async function* endless(): AsyncIterable<StreamEvent> {
      try {
        yield start;
        for (;;) yield { type: 'text-delta', index: 0, delta: 'x' };
      } finally {
        closed = true;
      }
    }
    for await (const frame of encodeChatStream(endless(), { requestedModel: 'm', includeUsage: false })) {
      if (frame.includes('"x"')) break;
    }
    expect(closed).toBe(true);
  });
});
