import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/model.ts';
import { cutStreamAtStopSequences } from './cut-stream-at-stop-sequences.ts';

const usage = { inputTokens: 3, outputTokens: 5, totalTokens: 8 };

async function* textStream(deltas: string[]): AsyncIterable<StreamEvent> {
  yield { type: 'text-start', index: 0 };
  for (const delta of deltas) yield { type: 'text-delta', index: 0, delta };
  yield { type: 'text-end', index: 0 };
  yield { type: 'tool-call-start', index: 1, id: 'call_1', name: 'ping' };
  yield { type: 'tool-call-end', index: 1, arguments: {} };
  yield { type: 'finish', finishReason: { unified: 'stop', raw: 'completed' }, usage };
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

const text = (events: StreamEvent[]) =>
  events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');

describe('cutStreamAtStopSequences', () => {
  it('cuts at a sequence split across deltas, drops the rest and names the sequence', async () => {
    const events = await collect(
      cutStreamAtStopSequences(textStream(['alpha be', 'ta ST', 'OP gamma']), ['STOP']),
    );
    expect(text(events)).toBe('alpha beta ');
    // the text block still ends, the tool call after the cut is gone
    expect(events.filter((event) => event.type !== 'text-delta').map((event) => event.type)).toEqual([
      'text-start',
      'text-end',
      'finish',
    ]);
    expect(events.at(-1)).toMatchObject({
      finishReason: { unified: 'stop-sequence', raw: 'completed', stopSequence: 'STOP' },
      usage,
    });
  });

  it('releases held-back text when no sequence comes, and keeps surrogate pairs whole', async () => {
    const events = await collect(cutStreamAtStopSequences(textStream(['Smile 😀', ' ST', 'ay']), ['STOP']));
    expect(text(events)).toBe('Smile 😀 STay');
    for (const event of events) {
      if (event.type === 'text-delta') expect(event.delta.isWellFormed()).toBe(true);
    }
    expect(events.at(-1)).toMatchObject({ finishReason: { unified: 'stop' } });
    expect(events.some((event) => event.type === 'tool-call-end')).toBe(true);
  });

  it('passes a stream through untouched without stop sequences', async () => {
    const events = await collect(cutStreamAtStopSequences(textStream(['a', 'b']), []));
    expect(events).toEqual(await collect(textStream(['a', 'b'])));
  });
});
