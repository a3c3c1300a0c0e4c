import type { CacheOutcome } from '../../core/provider.ts';

/** Response header saying what the response cache did: hit, miss or bypass; absent without a cache. */
export const cacheOutcomeHeader = 'x-sfgw-cache';

/** The header for an outcome, or no header when the cache saw no call. */
export function encodeCacheOutcomeHeader(outcome: CacheOutcome | undefined): Record<string, string> {
  return outcome === undefined ? {} : { [cacheOutcomeHeader]: outcome };
}
