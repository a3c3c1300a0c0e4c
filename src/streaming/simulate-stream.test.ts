import { describe, expect, it } from 'vitest';
import type { ChatResult, StreamEvent } from '../core/model.ts';
import { simulateStream } from './simulate-stream.ts';

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

const longText =
  'Paris is the capital of France.\n\nIt has  double  spaces, tabs\tand emoji 😀😀 plus a veryveryveryverylongwordwithoutspaces. ';

const result: ChatResult = {
  id: 'result-1',
  servedModel: 'upstream-model',
  created: 1_760_000_000,
  content: [
    { type: 'text', text: longText },
    {
      type: 'tool-call',
      id: 'call_1',
      name: 'lookup_order',
      arguments: { order_id: 'A17', items: [1, 2, 3] },
    },
    { type: 'tool-call', id: 'call_2', name: 'ping', arguments: {} },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
  usage: { inputTokens: 120, outputTokens: 18, totalTokens: 138 },
};

describe('simulateStream', () => {
  it('starts with response-start carrying the id, model and prompt tokens only', async () => {
    const [first] = await collect(simulateStream(result));
    expect(first).toEqual({
      type: 'response-start',
      id: 'result-1',
      servedModel: 'upstream-model',
      created: 1_760_000_000,
      usage: { inputTokens: 120, outputTokens: 0, totalTokens: 120 },
    });
  });

  it('replays text in several deltas that concatenate to the exact text', async () => {
    const events = await collect(simulateStream(result));
    const deltas = events.filter((event) => event.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.every((event) => event.index === 0)).toBe(true);
    expect(deltas.map((event) => event.delta).join('')).toBe(longText);
  });

  it('replays each tool call as start, argument fragments that parse back, and end', async () => {
    const events = await collect(simulateStream(result));
    const forCall = (index: number) => events.filter((event) => 'index' in event && event.index === index);
    const first = forCall(1);
    expect(first[0]).toEqual({ type: 'tool-call-start', index: 1, id: 'call_1', name: 'lookup_order' });
    expect(first.at(-1)).toEqual({
      type: 'tool-call-end',
      index: 1,
      arguments: { order_id: 'A17', items: [1, 2, 3] },
    });
    const fragments = first.flatMap((event) =>
      event.type === 'tool-call-delta' ? [event.argumentsDelta] : [],
    );
    expect(fragments.length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(''))).toEqual({ order_id: 'A17', items: [1, 2, 3] });
    const second = forCall(2).flatMap((event) =>
      event.type === 'tool-call-delta' ? [event.argumentsDelta] : [],
    );
    expect(second.join('')).toBe('{}');
  });

  it('emits parts in order and ends with exactly one finish', async () => {
    const events = await collect(simulateStream(result));
    const outline = events
      .filter((event) => event.type !== 'text-delta' && event.type !== 'tool-call-delta')
      .map((event) => event.type);
    expect(outline).toEqual([
      'response-start',
      'text-start',
      'text-end',
      'tool-call-start',
      'tool-call-end',
      'tool-call-start',
      'tool-call-end',
      'finish',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { inputTokens: 120, outputTokens: 18, totalTokens: 138 },
    });
  });
});
