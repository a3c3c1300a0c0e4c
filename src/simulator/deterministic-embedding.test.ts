import { describe, expect, it } from 'vitest';
import { embedText } from './deterministic-embedding.ts';

function cosine(left: number[], right: number[]): number {
  return left.reduce((total, value, index) => total + value * (right[index] ?? 0), 0);
}

describe('embedText', () => {
  it('returns a unit vector of the requested length', () => {
    const vector = embedText('Reset password for portal user', 1536);
    expect(vector).toHaveLength(1536);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
  });

  it('is a pure function of the text', () => {
    expect(embedText('Portal login is failing', 1536)).toEqual(embedText('Portal login is failing', 1536));
    expect(embedText('Portal login is failing', 1536)).not.toEqual(embedText('Invoice overdue', 1536));
  });

  it('places texts that share words closer than unrelated texts', () => {
    const base = embedText('reset the portal password', 256);
    const related = embedText('portal password reset request', 256);
    const unrelated = embedText('quarterly revenue forecast', 256);
    expect(cosine(base, related)).toBeGreaterThan(cosine(base, unrelated) + 0.3);
  });

  it('embeds text without words (and the empty string) deterministically', () => {
    const vector = embedText('', 8);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(embedText('?!', 8)).toEqual(embedText('?!', 8));
    expect(embedText('?!', 8)).not.toEqual(vector);
  });
});
