import { z } from 'zod';
import { nonNegativeInteger, positiveInteger, type SettingDefinition } from './setting-types.ts';

// Identical requests answered from a cache instead of Salesforce, which meters every generation:
// off unless given a lifetime.

/** Who shares cached answers: each API key its own (key), or every caller (shared). */
export type ResponseCacheScope = 'key' | 'shared';

/** The settings of the response cache. */
export const responseCacheSettings = {
  RESPONSE_CACHE_SECONDS: {
    schema: nonNegativeInteger,
    default: 0,
    description:
      'How long an answer (whole chat, completion or embedding) is reused for an identical request; 0 turns the cache off.',
  },
  RESPONSE_CACHE_MAX_MB: {
    schema: positiveInteger,
    default: 64,
    description:
      'Memory the in-process cache may hold (least recently used answers go first); with REDIS_URL, Redis holds it instead.',
  },
  RESPONSE_CACHE_SCOPE: {
    schema: z.enum(['key', 'shared'], { error: 'must be key or shared' }),
    default: 'key',
    description: 'key: each API key reuses only its own answers; shared: every caller reuses every answer.',
  },
} satisfies Record<string, SettingDefinition>;
