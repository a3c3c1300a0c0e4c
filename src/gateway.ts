import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { composeUpstream } from './compose-upstream.ts';
import { ConfigError } from './config/config-error.ts';
import type { Config } from './config/schema.ts';
import { connectSharedRedis } from './connect-shared-redis.ts';
import type { ModelInfo } from './core/model.ts';
import { Pipeline } from './core/pipeline.ts';
import type { EmulationDependencies } from './emulation/emulated-chat.ts';
import { IsolatedSchemaValidator } from './emulation/schema/isolated-schema-validator.ts';
import { ConsoleActivity } from './observability/console-activity.ts';
import { GatewayMetrics } from './observability/metrics.ts';
import { OrgPoolMetrics } from './observability/org-pool-metrics.ts';
import { startTracing } from './observability/tracing/start-tracing.ts';
import { openUsageLedger } from './observability/usage/open-usage-ledger.ts';
import { registerAnthropicRoutes } from './protocols/anthropic/routes.ts';
import { registerModelRoutes } from './protocols/model-routes.ts';
import { registerResponsesRoutes } from './protocols/openai/responses/routes.ts';
import { registerOpenAIRoutes } from './protocols/openai/routes.ts';
import type { UpstreamOrg } from './providers/org-pool/org-pool-types.ts';
import type { ClientCredentials } from './providers/salesforce/auth.ts';
import { registerAdminUsageRoute } from './server/admin/admin-usage-route.ts';
import { AdmissionQueue } from './server/admission-queue.ts';
import { ApiKeyVerifier } from './server/api-key-verifier.ts';
import { createApp } from './server/app.ts';
import { registerAuthentication } from './server/authenticate.ts';
import { consoleOpenPathPrefixes, consoleOpenPaths } from './server/console/console-access.ts';
import { registerConsole } from './server/console/register-console.ts';
import { registerCors } from './server/cors.ts';
import { FailedAuthenticationLimiter } from './server/failed-authentication-limiter.ts';
import { probePaths, registerHealthRoutes } from './server/health.ts';
import { registerHostCheck } from './server/host-check.ts';
import { openKeyBudgets, registerKeyBudgets } from './server/key-budgets.ts';
import { registerKeyLimits } from './server/key-limits.ts';
import { registerLoadShedding } from './server/load-shedding.ts';
import { registerMetricsRoute } from './server/metrics-route.ts';
import { registerRequestObservation } from './server/observe-requests.ts';
import { registerPerformanceRoute } from './server/performance-route.ts';
import { registerSecurityHeaders } from './server/security-headers.ts';
import { ShutdownGuard } from './server/shutdown-guard.ts';
import { registerRequestTracing } from './server/trace-requests.ts';
import { registerWriteStallGuard } from './server/write-stall-guard.ts';
import type { TokenCache } from './transport/token-cache.ts';
import { packageVersion } from './version.ts';

/** A gateway ready to listen: its Fastify app and what it must close. */
export interface Gateway {
  app: FastifyInstance;
  metrics: GatewayMetrics;
  mode: 'live' | 'demo';
  tokens: TokenCache;
  /** Drains in-flight requests and streams before close(). */
  shutdown: ShutdownGuard;
  /** The models GET /v1/models lists. */
  listModels(): ModelInfo[];
  close(): Promise<void>;
}

/** The org the gateway calls, and what to close after the gateway itself. */
export interface GatewayUpstream {
  credentials: ClientCredentials;
  /** Several orgs (SALESFORCE_ORGS); absent: the one org of `credentials`, named "default". */
  orgs?: readonly UpstreamOrg[];
  close(): Promise<void>;
}

/** Extra wiring for createGateway. */
export interface GatewayOptions {
  logger: Logger;
  upstream: GatewayUpstream;
  /** The config file the settings came from, shown in /health. */
  configFile?: string | null;
  now?: () => number;
}

/**
 * Builds the whole gateway from a validated config, calling the upstream it is handed. What it
 * opened on the way (tracer, Redis, ledger, workers, pools) is closed again if a later step fails,
 * and by close() in the reverse order, after the server and before the upstream.
 */
export async function createGateway(config: Config, options: GatewayOptions): Promise<Gateway> {
  const closers: (() => Promise<void>)[] = [];
  const closeOpened = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const gateway = await composeGateway(config, options, (close) => closers.push(close));
    return {
      ...gateway,
      async close() {
        await gateway.app.close();
        await closeOpened();
        await options.upstream.close();
      },
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

async function composeGateway(
  config: Config,
  options: GatewayOptions,
  onClose: (close: () => Promise<void>) => void,
): Promise<Omit<Gateway, 'close'>> {
  const now = options.now ?? Date.now;
  const { upstream } = options;
  const metrics = new GatewayMetrics();
  const tracer = await startTracing(config.tracing, options.logger);
  onClose(() => tracer.close());
  const redis = config.redis ? await connectSharedRedis(config.redis, options.logger, metrics) : null;
  if (redis) onClose(() => redis.close());
  const ledger =
    config.usageDatabase === null
      ? null
      : // the simulator's traffic is no one's usage: demo mode keeps it in memory, like its token
        openUsageLedger(config.demo ? null : config.usageDatabase, {
          logger: options.logger,
          onError: (operation) => metrics.usageLedgerErrors.inc({ operation }),
          redis: redis ?? undefined,
          onSharedFallback: () => metrics.sharedStoreFallbacks.inc({ operation: 'usage' }),
        });
  if (ledger) onClose(() => ledger.close());
  const budgets = await openKeyBudgets(config.access.apiKeys, ledger, now);
  if (budgets) onClose(async () => budgets.close());
  const schemaValidator = new IsolatedSchemaValidator({
    onCutOff: (kind) => metrics.schemaWorkCutOff.inc({ kind }),
    onWorkerStarted: () => metrics.schemaWorkersStarted.inc(),
  });
  onClose(() => schemaValidator.close());
  const emulation: EmulationDependencies = {
    validator: schemaValidator,
    onToolParseOutcome: (outcome) => metrics.toolParseOutcomes.inc({ outcome }),
    onStructuredOutputOutcome: (outcome) => metrics.structuredOutputOutcomes.inc({ outcome }),
  };
  const orgMetrics = new OrgPoolMetrics(metrics.registry);
  const upstreamSide = composeUpstream(config, upstream, {
    logger: options.logger,
    now,
    metrics,
    orgMetrics,
    redis,
    tracer,
    emulation,
  });
  onClose(() => upstreamSide.close());
  const { provider: composed, catalog, tokens, upstreamBreaker, nativeBreaker } = upstreamSide;
  metrics.watchPools(() => upstreamSide.poolStats());
  metrics.watchUpstreamCircuit(() => upstreamBreaker.state);
  // the pipeline checks MODEL_FALLBACKS against the catalog: a bad name is the config's mistake
  const pipeline = reportedAsConfigError(
    () =>
      new Pipeline(composed, catalog, {
        schemaChecker: schemaValidator,
        fallbacks: config.modelFallbacks,
        deadlineMs: config.requestDeadlineMs,
        onFallback: (from, to, error) => orgMetrics.modelFallbacks.inc({ from, to, kind: error.kind }),
      }),
  );
  const app = createApp({
    logger: options.logger,
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.inbound.requestTimeoutMs,
    headersTimeoutMs: config.inbound.headersTimeoutMs,
    trustedProxies: config.access.trustedProxies,
  });
  const listedModels = new Set(catalog.list().map((model) => model.id));
  const activity = new ConsoleActivity(config.console);
  // first, so that even the 503s of a draining gateway are timed, counted and logged
  registerRequestObservation(app, {
    metrics,
    activity,
    modelLabel: (requestedModel) => (listedModels.has(requestedModel) ? requestedModel : 'other'),
    usage: {
      ledger,
      budgets,
      metrics,
      now,
      upstreamModelOf: (requested) => catalog.find(requested)?.upstreamModel ?? null,
    },
  });
  registerRequestTracing(app, tracer);
  const shutdown = new ShutdownGuard(app, { servedWhileDraining: probePaths });
  registerWriteStallGuard(app, {
    stallTimeoutMs: config.streamStallTimeoutMs,
    onStall: () => metrics.stalledReadersCut.inc(),
  });
  registerSecurityHeaders(app);
  // probes and the scrape hold no secrets: no key needed, any Host accepted
  const openPaths = [...probePaths, '/metrics'];
  // Without keys, a web page that rebinds its own name to this machine must not get in either.
  if (config.access.apiKeys.length === 0) {
    registerHostCheck(app, { allowedHosts: config.access.allowedHosts, openPaths });
  }
  await registerCors(app, config.corsOrigins);
  registerAuthentication(app, {
    verifier: new ApiKeyVerifier(config.access.apiKeys),
    metrics,
    openPaths: [...openPaths, ...consoleOpenPaths],
    // the console's page and assets hold no secrets; its API (/ui/api/) needs an admin key
    openPathPrefixes: consoleOpenPathPrefixes,
    failureLimiter: new FailedAuthenticationLimiter(config.access.failedAuthentication),
  });
  // before the per-minute limit, so that its 429s carry the remaining tokens too
  if (budgets) registerKeyBudgets(app, budgets, { metrics, now });
  await registerKeyLimits(app, metrics, redis, config.access.apiKeys);
  const admission = new AdmissionQueue(config.admission);
  metrics.watchAdmission(() => admission.stats());
  registerLoadShedding(app, { queue: admission, metrics });
  const startedAt = now();
  registerHealthRoutes(app, {
    mode: config.demo ? 'demo' : 'live',
    version: packageVersion,
    startedAt,
    configFile: options.configFile ?? null,
    tokenStatus: () => tokens.status(),
    poolStats: () => upstreamSide.poolStats(),
    upstreamCircuit: () => upstreamBreaker.snapshot(),
    surface: config.native.upstreamApi,
    ...(nativeBreaker && {
      native: () => ({ apiBaseUrl: config.native.apiBaseUrl ?? null, circuit: nativeBreaker.snapshot() }),
    }),
    admission: () => admission.stats(),
    sharedStore: () => (redis === null ? 'off' : redis.available ? 'up' : 'down'),
    ...(config.responseCache && {
      responseCache: {
        store: redis === null ? 'memory' : 'redis',
        ttlSeconds: config.responseCache.ttlMs / 1000,
        scope: config.responseCache.scope,
      },
    }),
    getToken: () => upstreamSide.getToken(),
    orgs: () => upstreamSide.orgStatus(),
    draining: () => shutdown.draining,
  });
  registerMetricsRoute(app, metrics);
  registerAdminUsageRoute(app, { ledger, config, now });
  registerConsole(app, {
    activity,
    metrics,
    mode: config.demo ? 'demo' : 'live',
    surface: config.native.upstreamApi,
    version: packageVersion,
    startedAt,
    now,
    tokenStatus: () => tokens.status(),
    advisoryRefreshWindowMs: config.token.advisoryWindowMs,
    upstreamCircuit: () => upstreamBreaker.snapshot(),
    nativeCircuit: nativeBreaker && (() => nativeBreaker.snapshot()),
    admission: () => admission.stats(),
    admissionLimits: config.admission,
    poolStats: () => upstreamSide.poolStats(),
    redis: () => (redis === null ? 'off' : redis.available ? 'up' : 'down'),
    config,
    listModels: () => pipeline.listModels(),
    orgs: () => upstreamSide.orgStatus(),
  });
  registerPerformanceRoute(app, {
    metrics,
    tokenStatus: () => tokens.status(),
    poolStats: () => upstreamSide.poolStats(),
    startedAt,
    now,
  });
  registerModelRoutes(app, {
    listModels: () => pipeline.listModels(),
    findModel: (id) => pipeline.findModel(id),
    createdAt: startedAt,
  });
  registerOpenAIRoutes(app, { pipeline, keepAliveMs: config.streamKeepAliveMs });
  registerAnthropicRoutes(app, { pipeline, keepAliveMs: config.streamKeepAliveMs });
  registerResponsesRoutes(app, { pipeline, keepAliveMs: config.streamKeepAliveMs });
  return {
    app,
    metrics,
    mode: config.demo ? 'demo' : 'live',
    tokens,
    shutdown,
    listModels: () => pipeline.listModels(),
  };
}

function reportedAsConfigError<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw error instanceof Error ? new ConfigError(error.message) : error;
  }
}
