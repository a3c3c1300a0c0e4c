import type { FastifyInstance } from 'fastify';
import type { OrgStatus } from '../providers/org-pool/org-pool-types.ts';
import type { CircuitSnapshot } from '../transport/circuit-breaker.ts';
import type { PoolStats } from '../transport/http-client.ts';
import type { TokenStatus } from '../transport/token-status.ts';
import { describeCircuit, describeOrgHealth, isOrgDegraded } from './describe-org-health.ts';
import { ReadinessCheck } from './readiness-check.ts';

/** Paths that keep answering while the server drains: probes must see the truth. */
export const probePaths = ['/health', '/livez', '/readyz'] as const;

/** What /health reports; never the token itself. */
export interface HealthSources {
  mode: 'live' | 'demo';
  version: string;
  startedAt: number;
  configFile: string | null;
  tokenStatus: () => TokenStatus;
  poolStats: () => PoolStats[];
  /** The circuit breaker on Models API calls. */
  upstreamCircuit: () => CircuitSnapshot;
  /** UPSTREAM_API: which Salesforce surface serves chats. */
  surface: 'models' | 'native' | 'auto';
  /** The native surface's base (null: derived from the token's api_instance_url) and breaker; absent with UPSTREAM_API=models. */
  native?: () => { apiBaseUrl: string | null; circuit: CircuitSnapshot };
  /** The shared Redis: off when not configured, else whether it answers. */
  sharedStore: () => 'off' | 'up' | 'down';
  /** RESPONSE_CACHE_SECONDS: where answers are kept, how long and for whom; absent when it is off. */
  responseCache?: { store: 'memory' | 'redis'; ttlSeconds: number; scope: 'key' | 'shared' };
  /** Model requests holding a slot and waiting for one. */
  admission: () => { running: number; queued: number };
  /** Each org of a pool (SALESFORCE_ORGS); empty for a single org, which `token` and `upstream` describe. */
  orgs?: () => OrgStatus[];
  /** Resolves once a token can be had (any org's, in a pool); what /readyz proves. */
  getToken: () => Promise<unknown>;
  /** True while the server drains for shutdown. */
  draining: () => boolean;
}

/**
 * GET /health: liveness plus config, token and upstream pool state. GET /livez: the process
 * answers. GET /readyz: 200 only when a token can be had and the server is not draining.
 */
export function registerHealthRoutes(app: FastifyInstance, sources: HealthSources): void {
  // Probes time out after 1 s by default in Kubernetes; a slower token request answers "not yet".
  const readiness = new ReadinessCheck({ getToken: sources.getToken, timeoutMs: 800, cacheMs: 5000 });
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (sources.draining()) {
      return reply.code(503).send({ status: 'unavailable', reason: 'The gateway is shutting down.' });
    }
    const outcome = await readiness.check();
    if (outcome.ready) return { status: 'ok' };
    return reply.code(503).send({ status: 'unavailable', reason: outcome.reason });
  });
  app.get('/health', async () => {
    const token = sources.tokenStatus();
    const circuit = sources.upstreamCircuit();
    const native = sources.native?.();
    const orgs = sources.orgs?.() ?? [];
    const degraded =
      orgs.some(isOrgDegraded) ||
      token.breaker.state !== 'closed' ||
      token.state === 'refresh-required' ||
      circuit.state !== 'closed' ||
      (native !== undefined && native.circuit.state !== 'closed') ||
      sources.sharedStore() === 'down';
    return {
      status: degraded ? 'degraded' : 'ok',
      mode: sources.mode,
      ...(sources.mode === 'demo'
        ? { notice: 'DEMO MODE: answers come from the built-in Salesforce simulator' }
        : {}),
      version: sources.version,
      uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
      config: { valid: true, file: sources.configFile },
      token: {
        state: token.state,
        expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
        ageSeconds: token.ageMs === null ? null : Math.round(token.ageMs / 1000),
        lifetimeUsed: token.lifetimeUsed === null ? null : Math.round(token.lifetimeUsed * 1000) / 1000,
        fetches: token.fetches,
        cacheHits: token.hits,
        refreshing: token.refreshing,
        lastError: token.lastError,
        breaker: token.breaker.state,
      },
      upstream: {
        surface: sources.surface,
        apiBaseUrl: token.apiBaseUrl,
        circuit: describeCircuit(circuit),
        ...(native && {
          native: { apiBaseUrl: native.apiBaseUrl ?? 'derived', circuit: describeCircuit(native.circuit) },
        }),
        pools: sources.poolStats(),
      },
      ...(orgs.length > 0 && { orgs: orgs.map(describeOrgHealth) }),
      modelRequests: sources.admission(),
      sharedStore: { redis: sources.sharedStore() },
      responseCache: sources.responseCache ? { enabled: true, ...sources.responseCache } : { enabled: false },
    };
  });
}
