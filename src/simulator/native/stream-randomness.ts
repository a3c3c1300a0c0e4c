import { randomInt } from 'node:crypto';
import { seededRandom } from '../text-hash.ts';
import type { NativeSettings } from './native-settings.ts';

/** The random source of one stream: seeded by `native.splitSeed` for repeatable splits, else fresh. */
export function createStreamRandom(settings: NativeSettings): () => number {
  return seededRandom(settings.splitSeed ?? randomInt(2 ** 32));
}
