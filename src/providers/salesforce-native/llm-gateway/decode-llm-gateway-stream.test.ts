import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { decodeLlmGatewayStream } from './decode-llm-gateway-stream.ts';
import {
  type FragmentKeying,
  frame,
  generationChunk,
  toolTranscript,
  toolTranscriptEvents,
} from './stream-transcripts.fixtures.ts';

const now = () => 1_760_000_000_000;
const done = frame('generation', '[DONE]');

async function* chunks(...pieces: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const piece of pieces) yield piece;
}

async function decode(...texts: string[]): Promise<StreamEvent[]> {
  return collect(chunks(...texts.map((text) => new TextEncoder().encode(text))));
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of decodeLlmGatewayStream(body, now)) events.push(event);
  return events;
}

/** The events that came before the stream threw, and the error. */
async function decodeFailure(...texts: string[]): Promise<{ events: StreamEvent[]; error: GatewayError }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of decodeLlmGatewayStream(
      chunks(...texts.map((text) => new TextEncoder().encode(text))),
      now,
    )) {
      events.push(event);
    }
  } catch (error) {
    if (error instanceof GatewayError) return { events, error };
    throw error;
  }
  throw new Error('expected the stream to throw');
}

describe('decodeLlmGatewayStream', () => {
  const keyings: FragmentKeying[] = ['index', 'repeated-id', 'current-call'];

  it.each(keyings)(
    'decodes the transcript with fragments keyed by %s, split at every byte offset',
    async (keying) => {
      const bytes = new TextEncoder().encode(toolTranscript(keying));
      for (let offset = 0; offset <= bytes.length; offset++) {
        const events = await collect(chunks(bytes.subarray(0, offset), bytes.subarray(offset)));
        expect(events, `split at byte ${offset}`).toEqual(toolTranscriptEvents);
      }
    },
  );

  it.each(keyings)(
    'decodes the transcript keyed by %s fed one byte at a time, with CRLF lines',
    async (keying) => {
      const bytes = new TextEncoder().encode(toolTranscript(keying).replaceAll('\n', '\r\n'));
      const pieces = Array.from(bytes, (byte) => Uint8Array.of(byte));
      expect(await collect(chunks(...pieces))).toEqual(toolTranscriptEvents);
    },
  );

  it('never appends the text the scores event repeats', async () => {
    const events = await decode(toolTranscript('index'));
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(text).toBe('Let me check: 18°C ☀.');
  });

  it('ends at a bare DONE, reads Claude usage from a late chunk, and reads nothing after the end', async () => {
    const events = await decode(
      generationChunk({ content: 'Hi' }),
      generationChunk({ content: '', parameters: { finish_reason: 'end_turn' } }),
      generationChunk({ content: '' }, { usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 } }),
      'data: DONE\n\n',
      generationChunk({ content: 'after the end' }),
    );
    expect(events.slice(1)).toEqual([
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hi' },
      { type: 'text-end', index: 0 },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 },
      },
    ]);
  });

  it('reads a whole call in one chunk (arguments as an object), then text after it as a new block', async () => {
    const events = await decode(
      generationChunk({
        content: '',
        tool_invocations: [{ id: 'g1', function: { name: 'lookup', arguments: { q: 'x' } } }],
      }),
      generationChunk({ content: 'Done.', parameters: { finish_reason: 'STOP' } }),
      done,
    );
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'g1', name: 'lookup' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":"x"}' },
      { type: 'tool-call-end', index: 0, arguments: { q: 'x' } },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Done.' },
      { type: 'text-end', index: 1 },
      // Gemini says STOP even after a call; clients only run tools on tool-calls.
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' }, usage: expect.any(Object) },
    ]);
  });

  it('tells calls apart by id when index is only the position in the chunk (always 0)', async () => {
    const events = await decode(
      generationChunk({
        content: '',
        tool_invocations: [{ index: 0, id: 'a', function: { name: 'f', arguments: '' } }],
      }),
      generationChunk({
        content: '',
        tool_invocations: [{ index: 0, id: 'a', function: { arguments: '{}' } }],
      }),
      generationChunk({
        content: '',
        tool_invocations: [{ index: 0, id: 'b', function: { name: 'f', arguments: '' } }],
      }),
      generationChunk({ content: '', tool_invocations: [{ index: 0, function: { arguments: '{"n":2}' } }] }),
      done,
    );
    const ends = events.filter((event) => event.type === 'tool-call-end');
    expect(ends).toEqual([
      { type: 'tool-call-end', index: 0, arguments: {} },
      { type: 'tool-call-end', index: 1, arguments: { n: 2 } },
    ]);
  });

  it('gives a call without an id one, and a call without arguments {}', async () => {
    const events = await decode(
      generationChunk({ content: '', tool_invocations: [{ function: { name: 'now' } }] }),
      generationChunk({ content: '', parameters: { finish_reason: 'tool_use' } }),
      done,
    );
    expect(events[1]).toEqual({
      type: 'tool-call-start',
      index: 0,
      id: expect.stringMatching(/^call_/),
      name: 'now',
    });
    expect(events[2]).toEqual({ type: 'tool-call-end', index: 0, arguments: {} });
  });

  it('throws an error event as its mapped kind, after the events that came before it', async () => {
    const { events, error } = await decodeFailure(
      generationChunk({ content: 'Partial' }),
      frame('error', { errorCode: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded for this org' }),
    );
    expect(events.map((event) => event.type)).toEqual(['response-start', 'text-start', 'text-delta']);
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true });
    expect(error.message).toContain('Rate limit exceeded for this org');
  });

  it('hands on the deltas read before an error event that came in the same network chunk', async () => {
    const { events, error } = await decodeFailure(
      generationChunk({ content: 'Partial' }) +
        frame('error', { errorCode: 'GATEWAY_TIMEOUT', message: 'slow' }),
    );
    expect(events.map((event) => event.type)).toEqual(['response-start', 'text-start', 'text-delta']);
    expect(error.kind).toBe('upstream_timeout');
  });

  it.each([
    [frame('error', { errorCode: 'INTERNAL_SERVER_ERROR', message: 'Generation failed' }), 'upstream_error'],
    [frame('error', 'upstream crashed'), 'upstream_error'],
    [frame('generation', { errorCode: 'SERVICE_UNAVAILABLE', message: 'try later' }), 'upstream_unavailable'],
    [frame('generation', '{"generation_details": '), 'upstream_error'],
  ])('throws %j as %s', async (text, kind) => {
    expect((await decodeFailure(text)).error.kind).toBe(kind);
  });

  it('throws for an empty stream, a stream of scoring events only, and a lone DONE', async () => {
    for (const texts of [[], [''], [frame('scoringStarted', {}), frame('scoringCompleted', {})], [done]]) {
      const { events, error } = await decodeFailure(...texts);
      expect(events).toEqual([]);
      expect(error).toMatchObject({ kind: 'upstream_error' });
      expect(error.message).toContain('without an answer');
    }
  });

  it('finishes a stream that lost only its DONE after the finish reason came', async () => {
    const events = await decode(
      generationChunk({ content: 'All ' }),
      generationChunk({ content: 'there.', parameters: { finish_reason: 'length' } }),
      frame('scoringStarted', {}),
    );
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'length', raw: 'length' },
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    });
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
  });

  it('throws for a stream cut off before the finish reason, since the answer may be incomplete', async () => {
    const { events, error } = await decodeFailure(generationChunk({ content: 'The answer is' }));
    expect(events.map((event) => event.type)).toEqual(['response-start', 'text-start', 'text-delta']);
    expect(error.kind).toBe('upstream_error');
    expect(error.message).toContain('before the answer was complete');
  });

  it('throws for a fragment that continues a call already ended, and for one that names no call', async () => {
    const late = await decodeFailure(
      generationChunk({
        content: '',
        tool_invocations: [{ id: 'a', function: { name: 'f', arguments: '{}' } }],
      }),
      generationChunk({
        content: '',
        tool_invocations: [{ id: 'b', function: { name: 'g', arguments: '{}' } }],
      }),
      generationChunk({ content: '', tool_invocations: [{ id: 'a', function: { arguments: ' ' } }] }),
    );
    expect(late.error.message).toContain('after the call ended');
    const orphan = await decodeFailure(
      generationChunk({ content: '', tool_invocations: [{ function: { arguments: '{}' } }] }),
    );
    expect(orphan.error.message).toContain('names no tool');
  });
});
