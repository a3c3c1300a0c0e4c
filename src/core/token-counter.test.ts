import { describe, expect, it } from 'vitest';
import { TokenCounter } from './token-counter.ts';

describe('TokenCounter', () => {
  it('counts with a real BPE tokenizer, not characters', () => {
    const counter = new TokenCounter();
    // common English words are one token each in o200k_base
    expect(counter.countText('the cat sat on the mat')).toBe(6);
    expect(counter.countText('')).toBe(0);
    expect(counter.countText('a'.repeat(1000))).toBeLessThan(1000 / 4);
  });

  it('treats special-token markers in user text as text', () => {
    expect(new TokenCounter().countText('hello <|endoftext|> world')).toBeGreaterThan(3);
  });

  it('counts every message, its framing and its tool parts', () => {
    const counter = new TokenCounter();
    const total = counter.countMessages([
      { role: 'system', content: [{ type: 'text', text: 'the cat' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'c', name: 'lookup', arguments: { id: 7 } }],
      },
      { role: 'tool', content: [{ type: 'tool-result', callId: 'c', content: 'the mat', isError: false }] },
    ]);
    const expected =
      3 * 4 +
      counter.countText('the cat') +
      counter.countText('lookup {"id":7}') +
      counter.countText('the mat');
    expect(total).toBe(expected);
  });

  it('gives the same count for a long text from its cache, within a bound on entries', () => {
    const counter = new TokenCounter({ maxEntries: 2 });
    const long = (word: string) => `${word} `.repeat(100);
    const first = counter.countText(long('alpha'));
    expect(counter.countText(long('alpha'))).toBe(first);
    counter.countText(long('beta'));
    counter.countText(long('gamma'));
    expect(counter.cacheSize().entries).toBe(2);
    expect(counter.countText(long('alpha'))).toBe(first);
  });

  it('keeps the remembered texts under a character budget, skipping texts larger than it', () => {
    const counter = new TokenCounter({ maxCharacters: 2_000 });
    for (const word of ['one', 'two', 'three', 'four', 'five']) counter.countText(`${word} `.repeat(150));
    expect(counter.cacheSize().characters).toBeLessThanOrEqual(2_000);
    expect(counter.cacheSize().entries).toBeGreaterThan(0);
    const huge = 'x '.repeat(5_000);
    expect(counter.countText(huge)).toBeGreaterThan(0);
    expect(counter.cacheSize().characters).toBeLessThanOrEqual(2_000);
  });
});
