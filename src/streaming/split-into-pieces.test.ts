import { describe, expect, it } from 'vitest';
import { splitIntoPieces } from './split-into-pieces.ts';

describe('splitIntoPieces', () => {
  it('groups short words into pieces of at most 16 characters', () => {
    expect([...splitIntoPieces('The quick brown fox jumps over the lazy dog.')]).toEqual([
      'The quick brown',
      ' fox jumps over',
      ' the lazy dog.',
    ]);
  });

  it('cuts a long word into 16-code-point pieces without splitting surrogate pairs', () => {
    const word = '😀'.repeat(20);
    const pieces = [...splitIntoPieces(word)];
    expect(pieces).toEqual(['😀'.repeat(16), '😀'.repeat(4)]);
  });

  it('keeps leading, trailing and repeated whitespace', () => {
    const text = '  hello\n\n  world \t';
    expect([...splitIntoPieces(text)].join('')).toBe(text);
    expect([...splitIntoPieces('   ')]).toEqual(['   ']);
  });

  it('cuts interleaved texts independently, as concurrent streams do', () => {
    const first = splitIntoPieces('alpha beta gamma delta epsilon zeta');
    const second = splitIntoPieces('one two three four five six seven');
    const pieces = [first.next().value, second.next().value, first.next().value, second.next().value];
    expect(pieces).toEqual(['alpha beta gamma', 'one two three', ' delta epsilon', ' four five six']);
  });

  it('returns no pieces for empty text', () => {
    expect([...splitIntoPieces('')]).toEqual([]);
  });
});
