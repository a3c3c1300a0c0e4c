import { describe, expect, it } from 'vitest';
import type { ChatResult } from './model.ts';
import { applyStopSequences } from './stop-sequences.ts';

const result = (text: string): ChatResult => ({
  id: 'r1',
  servedModel: 'm',
  created: 1,
  content: [{ type: 'text', text }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
});

describe('applyStopSequences', () => {
  it('cuts at the earliest of several sequences and reports which one', () => {
    const cut = applyStopSequences(result('one, two. three; four'), ['; ', '.']);
    expect(cut.content).toEqual([{ type: 'text', text: 'one, two' }]);
    expect(cut.finishReason).toEqual({ unified: 'stop-sequence', raw: 'stop', stopSequence: '.' });
  });

  it('leaves the answer alone when no sequence occurs', () => {
    const original = result('nothing to see');
    expect(applyStopSequences(original, ['STOP'])).toBe(original);
  });

  it('lets the first listed sequence win when two start at the same place', () => {
    const cut = applyStopSequences(result('stop here'), ['stop', 'st', 'stop']);
    expect(cut.finishReason.stopSequence).toBe('stop');
    expect(applyStopSequences(result('stop here'), ['st', 'stop']).finishReason.stopSequence).toBe('st');
  });

  it('finds a later-listed sequence that starts earlier, even overlapping the first hit', () => {
    const cut = applyStopSequences(result('abcdef'), ['cd', 'bcde', 'abcdefg']);
    expect(cut.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(cut.finishReason.stopSequence).toBe('bcde');
  });

  it('drops the text part entirely when the answer starts with a stop sequence', () => {
    expect(applyStopSequences(result('END and more'), ['END']).content).toEqual([]);
  });
});
