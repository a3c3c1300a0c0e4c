import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import { ModelCatalog } from './core/model-catalog.ts';
import { Pipeline } from './core/pipeline.ts';
import { ArgumentValidator } from './emulation/tools/argument-validator.ts';
import { GatewayMetrics } from './observability/metrics.ts';
import { registerOpenAIRoutes } from './protocols/openai/routes.ts';
import { type ClientCredentials, requestAccessToken } from './providers/salesforce/auth.ts';
import { defaultModelAliases, salesforceModelPrefix } from './providers/salesforce/model-names.ts';
import { SalesforceProvider } from './providers/salesforce/salesforce-provider.ts';
import { createApp } from './server/app.ts';
import { registerHealthRoutes } from './server/health.ts';
import { registerMetricsRoute } from './server/metrics-route.ts';
import { type Simulator, startSimulator } from './simulator/simulator.ts';
import { CircuitBreaker } from './transport/circuit-breaker.ts';
import { FileTokenStore } from './transport/file-token-store.ts';
import { HttpClient } from './transport/http-client.ts';
import { TokenCache } from './transport/token-cache.ts';
import { packageVersion } from './version.ts';

/** A gateway ready to listen: its Fastify app and what it must close. */
export interface Gateway {
  app: FastifyInstance;
  metrics: GatewayMetrics;
  mode: 'live' | 'demo';
  tokens: TokenCache;
  /** The in-process simulator in demo mode. */
  simulator: Simulator | null;
  close(): Promise<void>;
}

/** Extra wiring for createGateway. */
export interface GatewayOptions {
  logger: Logger;
  /** The config file the settings came from, shown in /health. */
  configFile?: string | null;
  now?: () => number;
}

const tokenRequestTimeoutMs = 30_000;

/** Builds the whole gateway from a validated config; in demo mode it also starts the simulator. */
export async function createGateway(config: Config, options: GatewayOptions): Promise<Gateway> {
  const now = options.now ?? Date.now;
  const simulator = config.demo ? await startSimulator({ host: '127.0.0.1', port: 0 }) : null;
  const credentials = simulator ? simulatorCredentials(simulator) : liveCredentials(config);
  const http = new HttpClient({
    connectionsPerOrigin: config.upstream.connections,
    keepAliveTimeoutMs: 30_000,
    connectTimeoutMs: 10_000,
  });
  const tokens = new TokenCache({
    fetchToken: () =>
      requestAccessToken(http, credentials, {
        fallbackTtlMs: config.token.fallbackTtlMs,
        timeoutMs: tokenRequestTimeoutMs,
        now,
      }),
    store:
      simulator || !config.tokenCacheFile
        ? undefined
        : new FileTokenStore(config.tokenCacheFile, identityOf(credentials)),
    advisoryWindowMs: config.token.advisoryWindowMs,
    mandatoryWindowMs: config.token.mandatoryWindowMs,
    breaker: new CircuitBreaker({
      failureThreshold: config.token.failureThreshold,
      cooldownMs: config.token.failureCooldownMs,
      now,
    }),
    now,
    onEvent: (event) => {
      if (event.type === 'fetch-failure' || event.type === 'background-refresh-failure') {
        options.logger.warn(
          { event: event.type, reason: event.error.message },
          'Salesforce token request failed',
        );
      } else if (event.type === 'fetch-success') {
        options.logger.info(
          { expiresAt: new Date(event.token.expiresAt).toISOString() },
          'obtained a Salesforce access token',
        );
      }
    },
  });
  const provider = new SalesforceProvider({
    http,
    tokens,
    now,
    retry: {
      maxRetries: config.upstream.maxRetries,
      baseDelayMs: config.upstream.retryBaseMs,
      maxDelayMs: config.upstream.retryMaxMs,
      maxRetryAfterMs: config.upstream.retryAfterMaxMs,
    },
    timeouts: {
      baseMs: config.upstream.timeoutMs,
      perThousandCharactersMs: config.upstream.timeoutPerThousandCharactersMs,
      maxMs: config.upstream.timeoutMaxMs,
    },
  });
  const catalog = new ModelCatalog({
    upstreamModels: provider.listModels(),
    aliases: { ...defaultModelAliases, ...config.modelAliases },
    resolveUnlisted: (id) =>
      id.startsWith(salesforceModelPrefix)
        ? {
            id,
            upstreamModel: id,
            kind: /embedding/i.test(id) ? 'embedding' : 'chat',
            label: id,
            ownedBy: 'salesforce',
          }
        : undefined,
  });
  const metrics = new GatewayMetrics();
  const pipeline = new Pipeline(provider, catalog, { validator: new ArgumentValidator(), metrics });
  const app = createApp({ logger: options.logger, bodyLimitBytes: config.bodyLimitBytes });
  const startedAt = now();
  registerHealthRoutes(app, {
    mode: simulator ? 'demo' : 'live',
    version: packageVersion,
    startedAt,
    configFile: options.configFile ?? null,
    tokenStatus: () => tokens.status(),
    poolStats: () => http.stats(),
  });
  registerMetricsRoute(app, metrics);
  registerOpenAIRoutes(app, {
    pipeline,
    keepAliveMs: config.streamKeepAliveMs,
    modelsCreated: Math.floor(startedAt / 1000),
  });
  return {
    app,
    metrics,
    mode: simulator ? 'demo' : 'live',
    tokens,
    simulator,
    async close() {
      await app.close();
      await provider.close();
      await simulator?.close();
    },
  };
}

function liveCredentials(config: Config): ClientCredentials {
  if (!config.salesforce) throw new Error('live mode needs Salesforce credentials');
  return { ...config.salesforce };
}

function simulatorCredentials(simulator: Simulator): ClientCredentials {
  return {
    consumerKey: simulator.clientId,
    consumerSecret: simulator.clientSecret,
    instanceUrl: simulator.url,
    apiBaseUrl: undefined,
  };
}

// Which org and app a persisted token belongs to; holds no secret.
function identityOf(credentials: ClientCredentials): string {
  return createHash('sha256').update(`${credentials.instanceUrl}\n${credentials.consumerKey}`).digest('hex');
}
