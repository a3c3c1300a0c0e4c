import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { encodeResponse } from './encode.ts';
import type { ResponseStreamOptions } from './response-event-encoder.ts';
import { collect, type Data, echo, finish, ofType, source, start, types, usage } from './stream.fixtures.ts';
import { encodeResponseStream } from './stream.ts';

describe('encodeResponseStream: how a response starts and completes', () => {
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
