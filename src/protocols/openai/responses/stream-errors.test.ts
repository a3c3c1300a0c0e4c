import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import { collect, echo, source, start, types } from './stream.fixtures.ts';
import { encodeResponseStream } from './stream.ts';

describe('encodeResponseStream: errors before and during the stream', () => {
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
});
