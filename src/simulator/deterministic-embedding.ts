import { hashText, seededRandom } from './text-hash.ts';

const wordPattern = /[\p{L}\p{N}]+/gu;

function addWordVector(vector: number[], seed: number, weight: number): number[] {
  const random = seededRandom(seed);
  return vector.map((value) => value + weight * (random() * 2 - 1));
}

/**
 * A unit-length vector derived only from `text`: the sum of one pseudo-random vector per lower-cased word,
 * so equal texts embed identically and texts sharing words point in similar directions.
 */
export function embedText(text: string, dimensions: number): number[] {
  const wordCounts = new Map<string, number>();
  for (const word of text.toLowerCase().match(wordPattern) ?? []) {
    wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  }
  let vector = new Array<number>(dimensions).fill(0);
  if (wordCounts.size === 0) vector = addWordVector(vector, hashText(text), 1);
  for (const [word, count] of wordCounts) vector = addWordVector(vector, hashText(word), count);
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}
