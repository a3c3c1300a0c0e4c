import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../core/model.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { encodeMessageResponse } from './encode.ts';
import { checkBlockIndices, collect, finish, names, source, start, usage } from './stream.fixtures.ts';

describe('encodeMessageStream: thinking', () => {
  it('streams signed reasoning as a thinking block: thinking_delta, then signature_delta', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'The user wants ' },
        { type: 'reasoning-delta', index: 0, delta: '' },
        { type: 'reasoning-delta', index: 0, delta: 'a city.' },
        { type: 'reasoning-end', index: 0, signature: 'c2ln' },
        { type: 'text-start', index: 1 },
        { type: 'text-delta', index: 1, delta: 'Paris.' },
        { type: 'text-end', index: 1 },
        finish(),
      ),
    );
    expect(checkBlockIndices(frames)).toEqual([0, 1]);
    expect(frames.slice(1, 6).map((frame) => frame.data)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'The user wants ' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'a city.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(frames[6]?.data).toMatchObject({ index: 1, content_block: { type: 'text' } });
  });

  it('sends no signature_delta for unsigned reasoning', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'Hm.' },
        { type: 'reasoning-end', index: 0 },
        finish(),
      ),
    );
    expect(names(frames)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('streams withheld reasoning as a redacted_thinking block carrying the data', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-end', index: 0, redactedData: 'b3BhcXVl' },
        finish(),
      ),
    );
    expect(frames.slice(1, 3).map((frame) => frame.data)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'redacted_thinking', data: 'b3BhcXVl' },
      },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('keeps a signed thinking block without text, as Anthropic sends it when display is omitted', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-end', index: 0, signature: 's' },
        finish(),
      ),
    );
    expect(frames.slice(1, 4).map((frame) => frame.event)).toEqual([
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
    ]);
    expect(frames[2]?.data).toMatchObject({ delta: { type: 'signature_delta', signature: 's' } });
  });

  it('builds the same content as the whole answer when an SDK accumulates the stream', async () => {
    const result: ChatResult = {
      id: 'gw-02',
      servedModel: 'upstream',
      created: 1_760_000_000,
      content: [
        { type: 'reasoning', text: 'Look it up.', signature: 'c2ln' },
        { type: 'reasoning', text: '', redactedData: 'b3BhcXVl' },
        { type: 'tool-call', id: 'toolu_1', name: 'lookup', arguments: { id: 'A17' } },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage,
    };
    const frames = await collect(simulateStream(result));
    checkBlockIndices(frames);
    const content: Array<Record<string, unknown>> = [];
    for (const { event, data } of frames) {
      if (event === 'content_block_start') content.push({ ...(data.content_block as object) });
      if (event !== 'content_block_delta') continue;
      const block = content[data.index as number] ?? {};
      const delta = data.delta as Record<string, string>;
      if (delta.type === 'thinking_delta') block.thinking = `${block.thinking}${delta.thinking}`;
      if (delta.type === 'signature_delta') block.signature = delta.signature;
      if (delta.type === 'input_json_delta') block.input = JSON.parse(delta.partial_json ?? '{}');
    }
    expect(content).toEqual(encodeMessageResponse(result, 'claude-sonnet-5').content);
  });
});
