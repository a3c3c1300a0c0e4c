import { z } from 'zod';
import { nonNegativeInteger, positiveInteger, type SettingDefinition } from './setting-types.ts';

// How the gateway gets and keeps its Salesforce access token, and how it calls the Models API:
// timeouts, retries and their budget, connections.

/** The settings of the token lifecycle and of calls to Salesforce. */
export const upstreamSettings = {
  TOKEN_CACHE_FILE: {
    schema: z.string({ error: 'must be a file path, or empty to disable' }),
    emptyMeansOff: true,
    default: '~/.sfgw/token-cache.json',
    description: 'Where the access token is persisted (mode 0600) so restarts reuse it; empty disables.',
  },
  TOKEN_FALLBACK_TTL_SECONDS: {
    schema: positiveInteger,
    default: 1800,
    description: 'Token lifetime assumed when the access token carries no readable exp claim.',
  },
  TOKEN_ADVISORY_REFRESH_SECONDS: {
    schema: positiveInteger,
    default: 300,
    description: 'Inside this many seconds before expiry the token is refreshed in the background.',
  },
  TOKEN_MANDATORY_REFRESH_SECONDS: {
    schema: positiveInteger,
    default: 60,
    description: 'Inside this many seconds before expiry callers wait for a fresh token.',
  },
  TOKEN_FAILURE_THRESHOLD: {
    schema: positiveInteger,
    default: 3,
    description: 'Consecutive credential failures before the token endpoint is left alone for a cooldown.',
  },
  TOKEN_FAILURE_COOLDOWN_SECONDS: {
    schema: positiveInteger,
    default: 30,
    description: 'How long the token endpoint is left alone after repeated credential failures.',
  },
  UPSTREAM_TIMEOUT_MS: {
    schema: positiveInteger,
    default: 60_000,
    description: 'Base time allowed for one Models API call.',
  },
  UPSTREAM_TIMEOUT_PER_1K_CHARS_MS: {
    schema: nonNegativeInteger,
    default: 1_000,
    description: 'Extra time allowed per 1,000 prompt characters, since long prompts take longer.',
  },
  UPSTREAM_TIMEOUT_MAX_MS: {
    schema: positiveInteger,
    default: 300_000,
    description: 'Upper bound of the scaled upstream timeout.',
  },
  UPSTREAM_MAX_RETRIES: {
    schema: nonNegativeInteger,
    default: 2,
    description: 'Retries of a Models API call on 429, 5xx and network errors.',
  },
  UPSTREAM_RETRY_BASE_MS: {
    schema: positiveInteger,
    default: 500,
    description: 'First backoff step; doubles each retry, with jitter.',
  },
  UPSTREAM_RETRY_MAX_MS: {
    schema: positiveInteger,
    default: 8_000,
    description: 'Longest backoff between two retries.',
  },
  UPSTREAM_RETRY_AFTER_MAX_SECONDS: {
    schema: nonNegativeInteger,
    default: 30,
    description: 'A Retry-After longer than this is not waited for; the 429 goes to the client with it.',
  },
  UPSTREAM_RETRY_BUDGET_PERCENT: {
    schema: nonNegativeInteger,
    default: 20,
    description:
      'Retries of all Models API calls together may add this percentage of the first attempts of the last 10 s.',
  },
  UPSTREAM_RETRY_BUDGET_PER_SECOND: {
    schema: nonNegativeInteger,
    default: 1,
    description:
      'Retries allowed per second on top of UPSTREAM_RETRY_BUDGET_PERCENT, so that a quiet gateway still retries.',
  },
  UPSTREAM_CONNECTIONS: {
    schema: positiveInteger,
    default: 64,
    description: 'Keep-alive connections per upstream origin.',
  },
} satisfies Record<string, SettingDefinition>;
