import type { ConsoleActivity } from '../../observability/console-activity.ts';
import type { LatencySummary } from '../../observability/latency-window.ts';
import type { GatewayMetrics } from '../../observability/metrics.ts';
import type { OrgStatus } from '../../providers/org-pool/org-pool-types.ts';
import type { PoolStats } from '../../transport/http-client.ts';
import type { TokenStatus } from '../../transport/token-status.ts';
import { roundSummaryToTenth } from '../round-to-tenth.ts';
import type { CircuitView, ConsoleOverview, Percentiles } from './console-api-types.ts';
import { mapConsoleOrg } from './map-console-org.ts';

/** What the overview reads, each when it is asked. */
export interface OverviewSources {
  activity: ConsoleActivity;
  metrics: GatewayMetrics;
  mode: 'live' | 'demo';
  surface: 'models' | 'native' | 'auto';
  version: string;
  /** Epoch milliseconds. */
  startedAt: number;
  now: () => number;
  tokenStatus: () => TokenStatus;
  /** TOKEN_ADVISORY_REFRESH_SECONDS, in milliseconds. */
  advisoryRefreshWindowMs: number;
  upstreamCircuit: () => CircuitView;
  /** Null when the gateway does not use the native surface. */
  nativeCircuit: (() => CircuitView) | null;
  admission: () => { running: number; queued: number };
  admissionLimits: { maxInFlight: number; maxQueued: number };
  poolStats: () => PoolStats[];
  redis: () => 'off' | 'up' | 'down';
  /** The orgs of SALESFORCE_ORGS; absent or empty when the gateway serves a single org. */
  orgs?: () => readonly OrgStatus[];
}

/** The live state the overview polls. */
export async function readOverview(sources: OverviewSources): Promise<ConsoleOverview> {
  const now = sources.now();
  const activity = sources.activity.snapshot(now);
  const recent = sources.metrics.recentRequests.snapshot();
  const [streams] = (await sources.metrics.streamsInFlight.get()).values;
  const token = sources.tokenStatus();
  const admission = sources.admission();
  const { rss, heapUsed } = process.memoryUsage();
  return {
    time: now,
    uptimeSeconds: Math.round((now - sources.startedAt) / 1000),
    mode: sources.mode,
    surface: sources.surface,
    version: sources.version,
    requests: {
      total: recent.total,
      errors: recent.clientErrors + recent.serverErrors,
      perSecond: Math.round(activity.perSecond * 100) / 100,
      errorRate: activity.errorRate === null ? null : Math.round(activity.errorRate * 10_000) / 10_000,
    },
    latencyMs: percentiles(recent.latencyMs),
    overheadMs: percentiles(recent.overheadMs),
    timeToFirstTokenMs: percentiles(activity.timeToFirstTokenMs),
    streamsInFlight: streams?.value ?? 0,
    admission: {
      running: admission.running,
      queued: admission.queued,
      maxInFlight: sources.admissionLimits.maxInFlight,
      maxQueued: sources.admissionLimits.maxQueued,
    },
    models: activity.models,
    token: {
      state: token.state,
      expiresAt: token.expiresAt,
      obtainedAt: token.obtainedAt,
      refreshAt: refreshAt(token, sources.advisoryRefreshWindowMs),
      refreshing: token.refreshing,
      fetches: token.fetches,
    },
    circuit: sources.upstreamCircuit(),
    nativeCircuit: sources.nativeCircuit?.() ?? null,
    pools: sources.poolStats(),
    redis: sources.redis(),
    memoryBytes: { rss, heapUsed },
    orgs: sources.orgs?.().map(mapConsoleOrg) ?? [],
  };
}

// The token cache starts its background refresh once the advisory window is entered, the window
// capped at half the token's lifetime (see tokenPhase in src/transport/token-phase.ts): from then
// on the next call that asks for the token starts it.
function refreshAt(token: TokenStatus, advisoryWindowMs: number): number | null {
  if (token.expiresAt === null || token.obtainedAt === null) return null;
  const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
  return token.expiresAt - Math.min(advisoryWindowMs, lifetime / 2);
}

function percentiles(summary: LatencySummary): Percentiles {
  const { samples, p50, p90, p99 } = roundSummaryToTenth(summary);
  return { samples, p50, p90, p99 };
}
