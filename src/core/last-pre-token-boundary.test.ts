import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { lastPreTokenBoundary } from './last-pre-token-boundary.ts';
import { tokenizerSamples } from './tokenizer-samples.fixtures.ts';

const treatSpecialTokensAsText = { disallowedSpecial: new Set<string>() };

// the tokens of the text encoded as two pieces cut at `offset`
function encodeCutAt(text: string, offset: number): number[] {
  return [
    ...encode(text.slice(0, offset), treatSpecialTokensAsText),
    ...encode(text.slice(offset), treatSpecialTokensAsText),
  ];
}

// every boundary in `text`: the last one of each prefix that ends between two characters, since a
// boundary needs the character after it
function allBoundaries(text: string): number[] {
  const found = new Set<number>();
  let end = 0;
  for (const character of text) {
    end += character.length;
    found.add(lastPreTokenBoundary(text.slice(0, end)));
  }
  found.delete(0);
  return [...found];
}

describe('lastPreTokenBoundary', () => {
  for (const [kind, samples] of Object.entries(tokenizerSamples)) {
    it(`finds only spots where cutting leaves o200k's tokens unchanged, in ${kind}`, () => {
      // the samples side by side, so that spots between two of them are tried too
      const text = samples.join('');
      const boundaries = allBoundaries(text);
      expect(boundaries.length).toBeGreaterThan(text.length / 10);
      const whole = encode(text, treatSpecialTokensAsText);
      const changed = boundaries.filter((offset) => encodeCutAt(text, offset).join() !== whole.join());
      expect(changed).toEqual([]);
    });
  }

  it('refuses the spots where a cut would change the tokens', () => {
    // the tests above could fail: these cuts, inside a digit run and a space run, do change them
    expect(encodeCutAt('123456', 2)).not.toEqual(encode('123456'));
    expect(encodeCutAt('foo    bar', 5)).not.toEqual(encode('foo    bar'));
    expect(allBoundaries('123456')).toEqual([]);
    expect(allBoundaries('foo    bar')).toEqual([3]);
  });

  it('finds none in a run of one letter, of whitespace or of punctuation, nor at the end', () => {
    for (const run of ['a'.repeat(50), ' '.repeat(50), '!'.repeat(50), 'ab'.repeat(25), '\n'.repeat(50)]) {
      expect(lastPreTokenBoundary(run)).toBe(0);
    }
    expect(lastPreTokenBoundary('word ')).toBe(4);
    expect(lastPreTokenBoundary('word')).toBe(0);
  });

  it('reads a character outside the Basic Multilingual Plane as one character', () => {
    // U+20000 is a letter written as a surrogate pair: no boundary before it, one after it
    expect(allBoundaries('a\u{20000}b,')).toEqual([4]);
  });
});
