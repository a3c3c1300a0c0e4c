import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../config/schema.ts';

interface KnownKey {
  apiKey: ApiKey;
  digest: Buffer;
}

/**
 * Finds which configured client a presented key belongs to, in time that does not depend on
 * how much of a key matched: every key is compared, always, as equal-length SHA-256 digests.
 */
export class ApiKeyVerifier {
  readonly #known: KnownKey[];

  constructor(apiKeys: readonly ApiKey[]) {
    this.#known = apiKeys.map((apiKey) => ({ apiKey, digest: digestOf(apiKey.key) }));
  }

  /** True when no keys are configured, so nobody is asked for one. */
  get open(): boolean {
    return this.#known.length === 0;
  }

  /** The client the key belongs to, or undefined. */
  identify(presented: string): ApiKey | undefined {
    const digest = digestOf(presented);
    let match: ApiKey | undefined;
    for (const known of this.#known) {
      if (timingSafeEqual(known.digest, digest) && match === undefined) match = known.apiKey;
    }
    return match;
  }
}

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
