import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.ts';
import type { Tracer } from '../../observability/tracing/tracer.ts';
import { CircuitBreaker } from '../../transport/circuit-breaker.ts';
import { FailoverTokenStore, type FallbackOperation } from '../../transport/failover-token-store.ts';
import { FileTokenStore } from '../../transport/file-token-store.ts';
import { HttpClient, type HttpExchange } from '../../transport/http-client.ts';
import { RedisTokenStore } from '../../transport/redis-token-store.ts';
import type { RetryPolicy } from '../../transport/retry.ts';
import { RetryBudget } from '../../transport/retry-budget.ts';
import type { SharedRedis } from '../../transport/shared-redis.ts';
import { TokenCache, type TokenCacheEvent } from '../../transport/token-cache.ts';
import type { TokenStore } from '../../transport/token-store.ts';
import { type ClientCredentials, requestAccessToken } from './auth.ts';
import type { CredentialNames } from './credential-names.ts';
import type { UpstreamTimeouts } from './salesforce-provider.ts';
import { mapUpstreamEndpoint, type UpstreamEndpoint } from './upstream-endpoint.ts';
import { createUpstreamSpanStarter } from './upstream-span.ts';

/** One finished call to Salesforce, labelled for metrics. */
export interface UpstreamExchange {
  endpoint: UpstreamEndpoint;
  /** The HTTP status, or timeout, aborted or network-error. */
  status: HttpExchange['status'];
  durationMs: number;
}

/** How the provider is wired beyond the config. */
export interface SalesforceWiring {
  logger: Logger;
  now: () => number;
  /** Keep the token in TOKEN_CACHE_FILE (off for the throw-away demo simulator). */
  persistToken: boolean;
  /** Told about every call to Salesforce (token endpoint and Models API) once it ends. */
  onUpstreamExchange?: (exchange: UpstreamExchange) => void;
  /** Told about every token cache event, after it is logged. */
  onTokenEvent?: (event: TokenCacheEvent) => void;
  /** Told each time a Models API call is refused because the upstream circuit is open. */
  onCircuitRejection?: () => void;
  /** Told when a model's Models API breaker opens, with the epoch ms until which it refuses calls. */
  onCircuitOpen?: (model: string, until: number) => void;
  /** Redis shared with other instances: the token lives there while it answers. */
  redis?: SharedRedis;
  /** Told each time a token operation used local state because Redis did not answer. */
  onSharedStoreFallback?: (operation: FallbackOperation) => void;
  /** Gives every call to Salesforce (token endpoint included) its own span. */
  tracer?: Tracer;
  /** What a refused token request's hint calls the credentials: a pool org's entry, or by default the SALESFORCE_* settings. */
  credentialNames?: CredentialNames;
}

/** What every Salesforce provider of one org shares: the pools, the token and the retry budget. */
export interface SalesforceTransport {
  http: HttpClient;
  tokens: TokenCache;
  /** Shared by every call of the process, so that retries cannot multiply a failing upstream's load. */
  retryBudget: RetryBudget;
}

// A token request is small: it never needs longer than a Models API call, nor than 30 s.
const longestTokenRequestMs = 30_000;

/** The connection pools, token cache and retry budget of one org, built from the config. */
export function createSalesforceTransport(
  config: Config,
  credentials: ClientCredentials,
  wiring: SalesforceWiring,
): SalesforceTransport {
  const { logger, now, onUpstreamExchange, onTokenEvent } = wiring;
  const http = new HttpClient({
    connectionsPerOrigin: config.upstream.connections,
    keepAliveTimeoutMs: 30_000,
    connectTimeoutMs: 10_000,
    onExchange: onUpstreamExchange
      ? ({ url, status, durationMs }) =>
          onUpstreamExchange({ endpoint: mapUpstreamEndpoint(url), status, durationMs })
      : undefined,
    startExchangeSpan: createUpstreamSpanStarter(wiring.tracer),
  });
  const tokens = new TokenCache({
    fetchToken: () =>
      requestAccessToken(http, credentials, {
        fallbackTtlMs: config.token.fallbackTtlMs,
        timeoutMs: Math.min(config.upstream.timeoutMs, longestTokenRequestMs),
        now,
        credentialNames: wiring.credentialNames,
      }),
    store: createTokenStore(config, credentials, wiring),
    advisoryWindowMs: config.token.advisoryWindowMs,
    mandatoryWindowMs: config.token.mandatoryWindowMs,
    breaker: new CircuitBreaker({
      failureThreshold: config.token.failureThreshold,
      cooldownMs: config.token.failureCooldownMs,
      now,
    }),
    now,
    onEvent: (event) => {
      logTokenEvent(logger, event);
      onTokenEvent?.(event);
    },
  });
  const retryBudget = new RetryBudget({
    percent: config.upstream.retryBudgetPercent,
    minPerSecond: config.upstream.retryBudgetPerSecond,
    now,
  });
  return { http, tokens, retryBudget };
}

/** The retry policy and timeouts of calls to Salesforce, from the config. */
export function upstreamCallPolicy(config: Config): { retry: RetryPolicy; timeouts: UpstreamTimeouts } {
  return {
    retry: {
      maxRetries: config.upstream.maxRetries,
      baseDelayMs: config.upstream.retryBaseMs,
      maxDelayMs: config.upstream.retryMaxMs,
      maxRetryAfterMs: config.upstream.retryAfterMaxMs,
      retryRateLimits: config.upstream.retryRateLimits ?? true,
    },
    timeouts: {
      baseMs: config.upstream.timeoutMs,
      perThousandCharactersMs: config.upstream.timeoutPerThousandCharactersMs,
      maxMs: config.upstream.timeoutMaxMs,
    },
  };
}

// The token file keeps a token across restarts; Redis, when configured, shares it across instances
// and falls back to the file while it does not answer.
function createTokenStore(
  config: Config,
  credentials: ClientCredentials,
  wiring: SalesforceWiring,
): TokenStore | undefined {
  const identity = tokenIdentity(credentials);
  const tokenFile = wiring.persistToken ? config.tokenCacheFile : null;
  const local = tokenFile ? new FileTokenStore(tokenFile, identity) : undefined;
  const { redis } = wiring;
  if (!redis) return local;
  return new FailoverTokenStore({
    shared: new RedisTokenStore(redis, identity),
    local,
    redis,
    onFallback: (operation) => wiring.onSharedStoreFallback?.(operation),
  });
}

// Never the token itself: only when it expires, and why a fetch failed.
function logTokenEvent(logger: Logger, event: TokenCacheEvent): void {
  if (event.type === 'fetch-failure' || event.type === 'background-refresh-failure') {
    logger.warn({ event: event.type, reason: event.error.message }, 'Salesforce token request failed');
  } else if (event.type === 'fetch-success') {
    logger.info(
      { expiresAt: new Date(event.token.expiresAt).toISOString() },
      'obtained a Salesforce access token',
    );
  } else if (event.type === 'store-failure') {
    logger.warn({ operation: event.operation, reason: event.error.message }, 'token file could not be used');
  }
}

/** Which org, app and Models API base a persisted token belongs to; holds no secret. */
export function tokenIdentity(
  credentials: Pick<ClientCredentials, 'instanceUrl' | 'consumerKey' | 'apiBaseUrl' | 'jwtBearer'>,
): string {
  // The stored token carries the base its calls go to, so a token saved under another
  // SALESFORCE_API_BASE_URL (or none) must not be adopted: it would keep calling the old base.
  const parts = [credentials.instanceUrl, credentials.consumerKey, credentials.apiBaseUrl ?? ''];
  // a JWT bearer token acts for its user: another user's must not be adopted either
  if (credentials.jwtBearer) parts.push(`jwt-bearer:${credentials.jwtBearer.username}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
