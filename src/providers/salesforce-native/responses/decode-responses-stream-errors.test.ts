import { describe, expect, it } from 'vitest';
import {
  failure,
  frame,
  realistic,
  realisticEvents,
  snapshot,
  transcript,
} from './responses-stream.fixtures.ts';

describe('decodeResponsesStream failures', () => {
  it('throws an in-band error event mapped from its code', async () => {
    const { error, events } = await failure(
      transcript([
        { type: 'response.created', response: snapshot },
        { type: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached', param: null },
      ]),
    );
    expect(events.map((event) => event.type)).toEqual(['response-start']);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      code: 'rate_limit_exceeded',
      message: "Salesforce's GPT route failed: rate_limit_exceeded: Rate limit reached",
    });
  });

  it('throws a failed response with its error', async () => {
    const { error } = await failure(
      transcript([
        { type: 'response.created', response: snapshot },
        {
          type: 'response.failed',
          response: {
            ...snapshot,
            status: 'failed',
            error: { code: 'server_error', message: 'The model failed' },
          },
        },
      ]),
    );
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'server_error' });
    const { error: silent } = await failure(
      frame({ type: 'response.failed', response: { status: 'failed' } }),
    );
    expect(silent.message).toContain('the response failed without saying why');
  });

  it('throws a Salesforce error object sent as stream data', async () => {
    const { error } = await failure('data: {"errorCode":"TOO_MANY_REQUESTS","message":"Slow down"}\n\n');
    expect(error).toMatchObject({ kind: 'rate_limit', code: 'TOO_MANY_REQUESTS' });
  });

  it('throws on an empty stream', async () => {
    const { error } = await failure('');
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'empty_stream' });
    expect((await failure(': keep-alive\n\n')).error.code).toBe('empty_stream');
  });

  it('throws when the stream ends before a terminal event', async () => {
    const cut = realistic.slice(0, realistic.indexOf('event: response.completed'));
    const { error, events } = await failure(cut);
    expect(events).toEqual(realisticEvents.slice(0, -1));
    expect(error).toMatchObject({ kind: 'upstream_error', code: 'stream_cut' });
    expect(error.message).toContain('ended before the response was complete');
  });
});
