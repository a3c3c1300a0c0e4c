import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { type CompletionStreamOptions, encodeCompletionStream } from './stream.ts';

const usage = { inputTokens: 5, outputTokens: 3, totalTokens: 8 };
const start: StreamEvent = {
  type: 'response-start',
  id: 'chatcmpl-Up7',
  servedModel: 'upstream',
  created: 1_760_000_000,
  usage,
};
const finish: StreamEvent = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };

async function* source(...events: Array<StreamEvent | Error>): AsyncIterable<StreamEvent> {
  for (const event of events) {
    if (event instanceof Error) throw event;
    yield event;
  }
}

async function collect(
  events: AsyncIterable<StreamEvent>,
  options: Partial<CompletionStreamOptions> = {},
): Promise<unknown[]> {
  const payloads: unknown[] = [];
  for await (const frame of encodeCompletionStream(events, {
    requestedModel: 'my-model',
    includeUsage: false,
    ...options,
  })) {
    expect(frame).toMatch(/^data: .*\n\n$/s);
    const data = frame.slice('data: '.length, -2);
    payloads.push(data === '[DONE]' ? data : JSON.parse(data));
  }
  return payloads;
}

function chunk(text: string, finishReason: string | null = null) {
  return {
    id: 'cmpl-Up7',
    object: 'text_completion',
    created: 1_760_000_000,
    model: 'my-model',
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
  };
}

describe('encodeCompletionStream', () => {
  it('leaves reasoning out: a bare completion has no place for it', async () => {
    const payloads = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'Hmm.' },
        { type: 'reasoning-end', index: 0, signature: 'c2ln' },
        { type: 'text-delta', index: 1, delta: 'Once' },
        finish,
      ),
    );
    expect(payloads).toEqual([chunk('Once'), chunk('', 'stop'), '[DONE]']);
  });

  it('streams text chunks, a finish chunk and [DONE]', async () => {
    const payloads = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'there ' },
        { type: 'text-delta', index: 0, delta: '' },
        { type: 'text-delta', index: 0, delta: 'was' },
        { type: 'text-end', index: 0 },
        { ...finish, finishReason: { unified: 'length', raw: 'length' } },
      ),
    );
    expect(payloads).toEqual([chunk('there '), chunk('was'), chunk('', 'length'), '[DONE]']);
  });

  it('with include_usage, sends usage: null on each chunk and a usage chunk with no choices before [DONE]', async () => {
    const payloads = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Hi' }, finish), {
      includeUsage: true,
    });
    expect(payloads).toEqual([
      { ...chunk('Hi'), usage: null },
      { ...chunk('', 'stop'), usage: null },
      {
        ...chunk('', 'stop'),
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      },
      '[DONE]',
    ]);
  });

  it('re-throws an error that comes before the first chunk, so the route can send a plain HTTP error', async () => {
    const limited = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 2 });
    await expect(collect(source(start, { type: 'error', error: limited }))).rejects.toBe(limited);
    await expect(collect(source(new Error('boom')))).rejects.toMatchObject({ kind: 'internal' });
  });

  it('ends with an in-band error frame and no [DONE] when the source fails after the first chunk', async () => {
    const reported: GatewayError[] = [];
    const payloads = await collect(
      source(
        start,
        { type: 'text-delta', index: 0, delta: 'Part' },
        new GatewayError('upstream_timeout', 'The upstream did not answer in time.'),
      ),
      { onError: (error) => reported.push(error) },
    );
    expect(payloads).toEqual([
      chunk('Part'),
      {
        error: {
          message: 'The upstream did not answer in time.',
          type: 'server_error',
          param: null,
          code: null,
        },
      },
    ]);
    expect(reported.map((error) => error.kind)).toEqual(['upstream_timeout']);
  });

  it('reports a source that stops without finishing as an error, never as a complete answer', async () => {
    const payloads = await collect(source(start, { type: 'text-delta', index: 0, delta: 'Part' }));
    expect(payloads.at(-1)).toEqual({
      error: {
        message: 'The upstream stream ended before the answer was complete.',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  });

  it('makes up an id and a creation time when the source skipped response-start', async () => {
    const [first] = (await collect(source({ type: 'text-delta', index: 0, delta: 'x' }, finish))) as Array<{
      id: string;
      created: number;
    }>;
    expect(first?.id).toMatch(/^cmpl-[0-9a-f-]{36}$/);
    expect(first?.created).toBeGreaterThan(1_700_000_000);
  });
});
