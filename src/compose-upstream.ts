import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import { createCachingProvider } from './core/caching-provider.ts';
import { ModelCatalog } from './core/model-catalog.ts';
import type { Provider } from './core/provider.ts';
import type { EmulationDependencies } from './emulation/emulated-chat.ts';
import type { GatewayMetrics } from './observability/metrics.ts';
import type { OrgPoolMetrics } from './observability/org-pool-metrics.ts';
import type { Tracer } from './observability/tracing/tracer.ts';
import { describeOrgStatus } from './providers/org-pool/describe-org-status.ts';
import { getAnyOrgToken } from './providers/org-pool/get-any-org-token.ts';
import type { OrgStatus, UpstreamOrg } from './providers/org-pool/org-pool-types.ts';
import type { ClientCredentials } from './providers/salesforce/auth.ts';
import {
  defaultModelAliases,
  embeddingAliasNames,
  listModelsApiModels,
} from './providers/salesforce/model-names.ts';
import { createUnlistedModelResolver } from './providers/salesforce/resolve-unlisted-model.ts';
import type { OrgUpstream } from './providers/salesforce-native/create-org-upstream.ts';
import { createUpstreamProviders } from './providers/salesforce-native/create-upstream-providers.ts';
import type { CircuitBreakerSet } from './transport/circuit-breaker-set.ts';
import type { PoolStats } from './transport/http-client.ts';
import { MemoryResponseStore } from './transport/memory-response-store.ts';
import { RedisOrgSignals } from './transport/redis-org-signals.ts';
import { RedisResponseStore } from './transport/redis-response-store.ts';
import type { SharedRedis } from './transport/shared-redis.ts';
import type { TokenCache } from './transport/token-cache.ts';
import { wrapByCapabilities } from './wrap-by-capabilities.ts';

/** What the upstream side of the gateway is built from besides the config. */
export interface UpstreamDependencies {
  logger: Logger;
  now: () => number;
  metrics: GatewayMetrics;
  orgMetrics: OrgPoolMetrics;
  redis: SharedRedis | null;
  tracer: Tracer;
  emulation: EmulationDependencies;
}

/** The composed provider, the model catalog, and the parts of the orgs that health and metrics watch. */
export interface ComposedUpstream {
  provider: Provider;
  catalog: ModelCatalog;
  /** The first org's token cache (the only one without a pool). */
  tokens: TokenCache;
  /** The first org's breakers, as /health has always shown them. */
  upstreamBreaker: CircuitBreakerSet;
  nativeBreaker: CircuitBreakerSet | null;
  /** Every org's connection pools. */
  poolStats(): PoolStats[];
  /** Each org of a pool; empty for a single org, which the token and circuit fields describe. */
  orgStatus(): OrgStatus[];
  /** Resolves once a token can be had: the org's, or any org's of a pool. */
  getToken(): Promise<unknown>;
  close(): Promise<void>;
}

/** The orgs of `upstream` (one, or a pool) behind one provider wrapped by its capabilities. */
export function composeUpstream(
  config: Config,
  upstream: { credentials: ClientCredentials; orgs?: readonly UpstreamOrg[] },
  dependencies: UpstreamDependencies,
): ComposedUpstream {
  const { logger, metrics, orgMetrics, redis, emulation } = dependencies;
  const orgs = upstream.orgs ?? [singleOrg(upstream.credentials)];
  // The catalog comes first: an org's "models" may use any name a client could send. It lists
  // only what some org serves; an unserved name still resolves, so its caller hears why.
  const catalog = new ModelCatalog({
    upstreamModels: listModelsApiModels(),
    aliases: {
      ...defaultModelAliases,
      ...Object.fromEntries(embeddingAliasNames.map((name) => [name, config.embeddingModel])),
      ...config.modelAliases,
    },
    resolveUnlisted: createUnlistedModelResolver(config.claudeFamilies),
    isListed: (model) => built.router?.servesModel(model.upstreamModel) ?? true,
  });
  const orgSignals =
    redis && orgs.length > 1
      ? new RedisOrgSignals(redis, { orgNames: orgs.map((org) => org.name), logger, now: dependencies.now })
      : undefined;
  const cacheAnswers = cacheResponses(config, dependencies);
  const built = createUpstreamProviders(config, orgs, {
    logger,
    now: dependencies.now,
    persistToken: !config.demo,
    onUpstreamExchange: (exchange) => metrics.recordUpstreamExchange(exchange),
    onTokenEvent: (event) => metrics.recordTokenEvent(event),
    onCircuitRejection: () => metrics.upstreamCircuitRejections.inc(),
    onNativeCircuitRejection: () => metrics.upstreamCircuitRejections.inc(),
    redis: redis ?? undefined,
    onSharedStoreFallback: (operation) => metrics.sharedStoreFallbacks.inc({ operation }),
    tracer: dependencies.tracer,
    orgSignals,
    resolveModelName: (name) => catalog.find(name)?.upstreamModel,
    onOrgCooldown: (org, reason) => orgMetrics.orgCooldowns.inc({ org, reason }),
    wrapModelsApi: (provider) =>
      wrapByCapabilities(provider, { promptTokenLimit: config.promptTokenLimit, emulation, cacheAnswers }),
    // No prompt limit on the native surface: its context cap is not known (see the README).
    wrapNative: (provider) =>
      wrapByCapabilities(provider, { promptTokenLimit: null, emulation, cacheAnswers }),
    wrapNativeEmulatingTools: (provider) =>
      wrapByCapabilities(provider, {
        promptTokenLimit: null,
        emulation,
        emulateAllTools: true,
        cacheAnswers,
      }),
  });
  const { router } = built;
  const first = built.orgs[0] as OrgUpstream;
  const orgStatus = router ? () => describeOrgStatus(router, built.orgs) : () => [];
  orgMetrics.watchOrgs(() => orgStatus().map(sampleOrg));
  return {
    provider: built.provider,
    catalog,
    tokens: first.tokens,
    upstreamBreaker: first.upstreamBreaker,
    nativeBreaker: first.native?.breaker ?? null,
    poolStats: () => built.orgs.flatMap((org) => org.http.stats()),
    orgStatus,
    getToken: router ? () => getAnyOrgToken(built.orgs) : () => first.tokens.get(),
    async close() {
      await built.provider.close();
      await orgSignals?.close();
    },
  };
}

// RESPONSE_CACHE_SECONDS: one store for every surface and org, in Redis for a fleet; each
// surface's wrappers place the cache (see wrap-by-capabilities.ts and caching-provider.ts).
function cacheResponses(
  config: Config,
  dependencies: UpstreamDependencies,
): ((provider: Provider) => Provider) | undefined {
  const settings = config.responseCache;
  if (settings === null) return undefined;
  const { redis, metrics } = dependencies;
  const store = redis
    ? new RedisResponseStore(redis, (operation) =>
        metrics.sharedStoreFallbacks.inc({ operation: `response-cache-${operation}` }),
      )
    : new MemoryResponseStore({ maxBytes: settings.maxBytes, now: dependencies.now });
  return (provider) =>
    createCachingProvider(provider, store, {
      ttlMs: settings.ttlMs,
      shared: settings.scope === 'shared',
      onOutcome: (outcome) => metrics.responseCacheOutcomes.inc({ outcome }),
      now: dependencies.now,
    });
}

function singleOrg(credentials: ClientCredentials): UpstreamOrg {
  return { name: 'default', credentials, nativeApiBaseUrl: undefined, weight: 1, models: null };
}

function sampleOrg(org: OrgStatus) {
  return {
    name: org.name,
    inFlight: org.inFlight,
    requests: org.requests,
    failures: org.failures,
    cooldownRemainingMs: org.cooldown?.remainingMs ?? 0,
    tokenState: org.token.state,
    openCircuits: {
      models: org.circuit.openModels?.length ?? 0,
      native: org.nativeCircuit?.openModels?.length ?? 0,
    },
  };
}
