import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { encodeChatResponse } from './encode.ts';
import { chunk, collect, payloads, source, start, usage } from './stream.fixtures.ts';

// Chat completions has no standard field for reasoning, so it is left out of the answer, whole
// and streamed, without disturbing the text and tool calls around it.

describe('chat completions: reasoning is left out', () => {
  it('answers only the text and tool calls of a result that reasoned', () => {
    const result: ChatResult = {
      id: 'gw-7',
      servedModel: 'upstream',
      created: 1_760_000_000,
      content: [
        { type: 'reasoning', text: 'Look the order up.', signature: 'c2ln' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_01', name: 'lookup_order', arguments: { order_id: 'A17' } },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage,
    };
    const { choices } = encodeChatResponse(result, 'my-model') as { choices: Array<{ message: unknown }> };
    expect(choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Checking.',
      refusal: null,
      tool_calls: [
        {
          id: 'call_01',
          type: 'function',
          function: { name: 'lookup_order', arguments: '{"order_id":"A17"}' },
        },
      ],
    });
  });

  it('streams around reasoning events, numbering tool calls from 0 after them', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'Look it up.' },
        { type: 'reasoning-end', index: 0, signature: 'c2ln' },
        { type: 'reasoning-start', index: 1 },
        { type: 'reasoning-end', index: 1, redactedData: 'b3BhcXVl' },
        { type: 'tool-call-start', index: 2, id: 'call_01', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 2, arguments: {} },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
    );
    expect(payloads(frames)).toEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({
        tool_calls: [
          { index: 0, id: 'call_01', type: 'function', function: { name: 'lookup_order', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('still opens the stream when reasoning comes first and nothing else follows', async () => {
    const frames = await collect(
      source(
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'Nothing to say.' },
        { type: 'reasoning-end', index: 0 },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ),
    );
    expect(frames.at(-1)).toBe('data: [DONE]\n\n');
    expect(frames).toHaveLength(3);
  });
});
