import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../transport/http-client.ts';
import type { TokenCacheEvent } from '../transport/token-cache.ts';
import { RequestStatistics } from './request-statistics.ts';

// Every metric the gateway exports is declared here, on a registry owned by one gateway
// instance (no global registry, so several gateways in one process stay apart).

/** One finished call to Salesforce, as the metrics count it. */
export interface UpstreamExchangeSample {
  endpoint: string;
  status: number | string;
  durationMs: number;
}

// Client requests and upstream calls take from milliseconds (errors, count_tokens) to minutes.
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];
// The gateway's own share should stay well under a millisecond.
const overheadBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const requestWindowSize = 1024;

/** The gateway's Prometheus metrics, plus the recent-request window behind the JSON view. */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** Finished client requests and their recent latencies, for /v1/performance/metrics. */
  readonly recentRequests = new RequestStatistics(requestWindowSize);
  #poolStats: () => PoolStats[] = () => [];

  /** How emulated tool calls were read from model text: parsed, repaired, failed or none. */
  readonly toolParseOutcomes = new Counter({
    name: 'sfgw_tool_parse_outcomes_total',
    help: 'Emulated tool-call parsing outcomes (parsed, repaired, failed, none).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  /** How emulated structured output turned out: valid, repaired, corrected, invalid. */
  readonly structuredOutputOutcomes = new Counter({
    name: 'sfgw_structured_output_outcomes_total',
    help: 'Emulated structured-output outcomes (valid, repaired, corrected, invalid).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  /** Finished client requests; `model` only where the request names one. */
  readonly httpRequests = new Counter({
    name: 'sfgw_http_requests_total',
    help: 'Client requests by route pattern, method, status and requested model (known names, else "other"); 499 means the client left first.',
    labelNames: ['route', 'method', 'status', 'model'] as const,
    registers: [this.registry],
  });
  /** Time from a request's arrival to its last byte (or the client leaving). */
  readonly httpRequestDuration = new Histogram({
    name: 'sfgw_http_request_duration_seconds',
    help: 'Client request duration, arrival to last byte, by route pattern, status and requested model.',
    labelNames: ['route', 'status', 'model'] as const,
    buckets: requestBuckets,
    registers: [this.registry],
  });
  /** Time from a streamed request's arrival to its first event frame. */
  readonly streamTimeToFirstToken = new Histogram({
    name: 'sfgw_stream_time_to_first_token_seconds',
    help: 'Streamed requests: arrival to the first event frame (keep-alives excluded), by route pattern.',
    labelNames: ['route'] as const,
    buckets: requestBuckets,
    registers: [this.registry],
  });
  /** Streams whose 200 has gone out and that have not ended yet. */
  readonly streamsInFlight = new Gauge({
    name: 'sfgw_streams_in_flight',
    help: 'Streaming responses committed and not yet ended.',
    registers: [this.registry],
  });
  /** A request's duration minus its waits on Salesforce. */
  readonly gatewayOverhead = new Histogram({
    name: 'sfgw_gateway_overhead_seconds',
    help: 'Time the gateway itself added to a request: its duration minus waits on Salesforce (token, API calls, retry back-off), by route pattern.',
    labelNames: ['route'] as const,
    buckets: overheadBuckets,
    registers: [this.registry],
  });
  /** Calls to Salesforce, token endpoint included. */
  readonly upstreamRequests = new Counter({
    name: 'sfgw_upstream_requests_total',
    help: 'Calls to Salesforce by endpoint (token, chat-generations, generations, embeddings, feedback) and HTTP status, or timeout, aborted, network-error.',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });
  /** Duration of each call to Salesforce, body included. */
  readonly upstreamRequestDuration = new Histogram({
    name: 'sfgw_upstream_request_duration_seconds',
    help: 'Duration of calls to Salesforce, request to whole body, by endpoint.',
    labelNames: ['endpoint'] as const,
    buckets: requestBuckets,
    registers: [this.registry],
  });
  /** Token requests to the org's token endpoint. */
  readonly tokenFetches = new Counter({
    name: 'sfgw_token_fetches_total',
    help: 'Access-token requests by outcome (success, failure).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  /** Calls served a cached access token. */
  readonly tokenCacheHits = new Counter({
    name: 'sfgw_token_cache_hits_total',
    help: 'Calls that were handed the cached access token without waiting for a fetch.',
    registers: [this.registry],
  });
  /** Connections of each upstream pool, read on scrape. */
  readonly poolConnections = new Gauge({
    name: 'sfgw_upstream_pool_connections',
    help: 'Upstream pool connections by origin and state (connected, free).',
    labelNames: ['origin', 'state'] as const,
    registers: [this.registry],
    collect: () => {
      this.poolConnections.reset();
      for (const pool of this.#poolStats()) {
        this.poolConnections.set({ origin: pool.origin, state: 'connected' }, pool.connected);
        this.poolConnections.set({ origin: pool.origin, state: 'free' }, pool.free);
      }
    },
  });
  /** Requests inside each upstream pool, read on scrape. */
  readonly poolRequests = new Gauge({
    name: 'sfgw_upstream_pool_requests',
    help: 'Requests inside the upstream pools by origin and state (pending, queued, running).',
    labelNames: ['origin', 'state'] as const,
    registers: [this.registry],
    collect: () => {
      this.poolRequests.reset();
      for (const pool of this.#poolStats()) {
        this.poolRequests.set({ origin: pool.origin, state: 'pending' }, pool.pending);
        this.poolRequests.set({ origin: pool.origin, state: 'queued' }, pool.queued);
        this.poolRequests.set({ origin: pool.origin, state: 'running' }, pool.running);
      }
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sfgw_' });
  }

  /** Where the pool gauges read their numbers on each scrape. */
  watchPools(poolStats: () => PoolStats[]): void {
    this.#poolStats = poolStats;
  }

  /** Counts one finished call to Salesforce. */
  recordUpstreamExchange(exchange: UpstreamExchangeSample): void {
    this.upstreamRequests.inc({ endpoint: exchange.endpoint, status: String(exchange.status) });
    this.upstreamRequestDuration.observe({ endpoint: exchange.endpoint }, exchange.durationMs / 1000);
  }

  /** Counts token fetches and cache hits from the token cache's events. */
  recordTokenEvent(event: TokenCacheEvent): void {
    if (event.type === 'hit') this.tokenCacheHits.inc();
    else if (event.type === 'fetch-success') this.tokenFetches.inc({ outcome: 'success' });
    // a failed background refresh also reports fetch-failure: counting that one is enough
    else if (event.type === 'fetch-failure') this.tokenFetches.inc({ outcome: 'failure' });
  }
}
