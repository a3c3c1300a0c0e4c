import { describe, expect, it } from 'vitest';
import { maxPieceBytes, piecesForCounting } from './pieces-for-counting.ts';
import { textOfKind } from './tokenizer-samples.fixtures.ts';

describe('piecesForCounting', () => {
  it('gives the whole of a short text as one piece, and nothing for an empty one', () => {
    expect([...piecesForCounting('the cat sat')]).toEqual(['the cat sat']);
    expect([...piecesForCounting('')]).toEqual([]);
  });

  it('cuts a long text into pieces no longer than the limit that join back into it', () => {
    const texts = [textOfKind('prose', 20_000), textOfKind('cjk', 20_000), textOfKind('emoji', 20_000)];
    for (const text of [...texts, 'a'.repeat(20_000), '中'.repeat(20_000)]) {
      const pieces = [...piecesForCounting(text)];
      const bytes = pieces.map((piece) => Buffer.byteLength(piece));
      expect(pieces.join('')).toBe(text);
      expect(Math.max(...bytes)).toBeLessThanOrEqual(maxPieceBytes);
      // and not much shorter, or the count would pay for many more cuts than it needs
      expect(pieces.length).toBeLessThan((2 * Buffer.byteLength(text)) / maxPieceBytes);
    }
  });

  it('never cuts ordinary text inside a word', () => {
    const pieces = [...piecesForCounting(textOfKind('prose', 20_000))];
    const cutsInsideWords = pieces.filter(
      (piece, index) => /\p{L}$/u.test(piece) && /^\p{L}/u.test(pieces[index + 1] ?? ''),
    );
    expect(cutsInsideWords).toEqual([]);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    // one pre-token, whose pairs start at odd offsets: an even length limit falls inside one
    const pieces = [...piecesForCounting(`!${'😀'.repeat(5_000)}`)];
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.isWellFormed()).toBe(true);
  });
});
