import type { FastifyRequest } from 'fastify';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { FinishedRequest } from '../observability/request-statistics.ts';
import type { BudgetTotals } from '../observability/usage/budget-totals.ts';
import type { UsageLedger } from '../observability/usage/usage-ledger.ts';
import { detectProtocol } from '../protocols/client-protocol.ts';
import { clampModelName } from './clamp-model-name.ts';
import { modelRoutes } from './load-shedding.ts';

/** What recording a request's usage needs from the gateway. */
export interface UsageRecording {
  /** Null when USAGE_DB is empty: only the token counters count. */
  ledger: UsageLedger | null;
  /** The totals per-key budgets are checked against; null when no key has a budget. */
  budgets?: BudgetTotals | null;
  metrics: GatewayMetrics;
  /** The clock whose UTC day a request counts on (default Date.now). */
  now?: () => number;
  /** The Salesforce model behind a name the client sent, or null. */
  upstreamModelOf: (requestedModel: string) => string | null;
}

// Names no model resolves to are counted together, so random names cannot grow the ledger (and a
// long name is cut by clampModelName).
const unresolvedModel = 'other';
/** The routes whose requests are usage. Feedback calls Salesforce but generates nothing: it is no model use. */
export const usageRoutes: ReadonlySet<string> = new Set<string>(
  modelRoutes.filter((route) => route !== '/v1/feedback'),
);
// A refused key is no one's usage: counting it would let anyone without a key add to the ledger.
const refusedKeyStatus = 401;

/**
 * Counts a finished model request (chat, messages, responses, completions, embeddings) in the
 * token counters and the usage ledger; other routes are ignored. `finished`, `route` and `model`
 * are what request observation already measured and read; `modelLabel` is the model's metric label.
 */
export function recordUsage(
  recording: UsageRecording,
  request: FastifyRequest,
  finished: FinishedRequest,
  route: string,
  model: string | undefined,
  modelLabel: string | undefined,
): void {
  if (!usageRoutes.has(route) || finished.status === refusedKeyStatus) return;
  const { telemetry } = request;
  const inputTokens = telemetry?.inputTokens ?? 0;
  const outputTokens = telemetry?.outputTokens ?? 0;
  const key = request.caller?.name ?? null;
  const { tokens } = recording.metrics;
  const labelModel = modelLabel ?? unresolvedModel;
  if (inputTokens > 0) tokens.inc({ key: key ?? 'none', model: labelModel, direction: 'input' }, inputTokens);
  if (outputTokens > 0)
    tokens.inc({ key: key ?? 'none', model: labelModel, direction: 'output' }, outputTokens);
  const endedAt = (recording.now ?? Date.now)();
  if (key !== null) recording.budgets?.add(key, inputTokens + outputTokens, endedAt);
  if (recording.ledger === null) return;
  const upstreamModel = model === undefined ? null : recording.upstreamModelOf(model);
  recording.ledger.record({
    key,
    model: upstreamModel === null || model === undefined ? unresolvedModel : clampModelName(model),
    upstreamModel,
    protocol: detectProtocol(route, false),
    route,
    status: finished.status,
    inputTokens,
    outputTokens,
    estimated: telemetry?.usageEstimated === true,
    durationMs: finished.durationMs,
    stream: finished.stream,
    endedAt,
  });
}
