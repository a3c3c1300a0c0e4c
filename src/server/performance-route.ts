import type { FastifyInstance } from 'fastify';
import type { LatencySummary } from '../observability/latency-window.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { PoolStats } from '../transport/http-client.ts';
import type { TokenStatus } from '../transport/token-status.ts';
import { roundSummaryToTenth } from './round-to-tenth.ts';

/** Where the JSON performance view is served. */
export const performanceMetricsPath = '/v1/performance/metrics';

/** What the JSON performance view reads. */
export interface PerformanceSources {
  metrics: GatewayMetrics;
  tokenStatus: () => TokenStatus;
  poolStats: () => PoolStats[];
  /** When the gateway started, epoch milliseconds. */
  startedAt: number;
  now?: () => number;
}

/** The JSON performance view; latencies in milliseconds with one decimal. */
export interface PerformanceReport {
  uptimeSeconds: number;
  requests: {
    total: number;
    streamed: number;
    clientErrors: number;
    serverErrors: number;
    streamsInFlight: number;
  };
  /** Arrival to last byte, over the most recent client API requests. */
  latencyMs: LatencySummary;
  /** The gateway's own share of the same requests. */
  overheadMs: LatencySummary;
  tokenCache: { hits: number; misses: number; fetches: number; hitRate: number | null };
  upstream: { pools: PoolStats[] };
  memoryBytes: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

/** GET /v1/performance/metrics: request counts, recent latency and overhead percentiles, token
 * cache hit rate, upstream pools, memory and uptime, as JSON. */
export function registerPerformanceRoute(app: FastifyInstance, sources: PerformanceSources): void {
  const now = sources.now ?? Date.now;
  app.get(performanceMetricsPath, async (): Promise<PerformanceReport> => {
    const requests = sources.metrics.recentRequests.snapshot();
    const token = sources.tokenStatus();
    const lookups = token.hits + token.misses;
    const [streams] = (await sources.metrics.streamsInFlight.get()).values;
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    return {
      uptimeSeconds: Math.round((now() - sources.startedAt) / 1000),
      requests: {
        total: requests.total,
        streamed: requests.streamed,
        clientErrors: requests.clientErrors,
        serverErrors: requests.serverErrors,
        streamsInFlight: streams?.value ?? 0,
      },
      latencyMs: roundSummaryToTenth(requests.latencyMs),
      overheadMs: roundSummaryToTenth(requests.overheadMs),
      tokenCache: {
        hits: token.hits,
        misses: token.misses,
        fetches: token.fetches,
        hitRate: lookups === 0 ? null : Math.round((token.hits / lookups) * 10_000) / 10_000,
      },
      upstream: { pools: sources.poolStats() },
      memoryBytes: { rss, heapTotal, heapUsed, external, arrayBuffers },
    };
  });
}
