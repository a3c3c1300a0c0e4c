import type { FastifyInstance } from 'fastify';
import type { PoolStats } from '../transport/http-client.ts';
import type { TokenStatus } from '../transport/token-cache.ts';

/** What /health reports; never the token itself. */
export interface HealthSources {
  mode: 'live' | 'demo';
  version: string;
  startedAt: number;
  configFile: string | null;
  tokenStatus: () => TokenStatus;
  poolStats: () => PoolStats[];
}

/** GET /health: liveness plus config, token and upstream pool state. */
export function registerHealthRoutes(app: FastifyInstance, sources: HealthSources): void {
  app.get('/health', async () => {
    const token = sources.tokenStatus();
    const degraded = token.breaker.state !== 'closed' || token.state === 'refresh-required';
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
      upstream: { apiBaseUrl: token.apiBaseUrl, pools: sources.poolStats() },
    };
  });
}
