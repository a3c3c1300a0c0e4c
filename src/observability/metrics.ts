import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { RequestStatistics } from './request-statistics.ts';

// Every metric the gateway exports is declared here, on a registry owned by one gateway
// instance (no global registry, so several gateways in one process stay apart).

/** A circuit breaker's position, as the circuit gauge reads it. */
export type CircuitStateSample = 'closed' | 'open' | 'half-open';

/** Connection and request counts of one upstream pool, as the pool gauges read them. */
export interface PoolSample {
  origin: string;
  connected: number;
  free: number;
  pending: number;
  queued: number;
  running: number;
}

/** What the token cache reports, as far as the token counters care; other events are ignored. */
export interface TokenEventSample {
  type: string;
}

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
const circuitStateValues: Record<CircuitStateSample, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The gateway's Prometheus metrics, plus the recent-request window behind the JSON view. */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** Finished client requests and their recent latencies, for /v1/performance/metrics. */
  readonly recentRequests = new RequestStatistics(requestWindowSize);
  #poolStats: () => PoolSample[] = () => [];

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
  readonly schemaWorkCutOff = new Counter({
    name: 'sfgw_schema_work_cut_off_total',
    help: 'Client JSON Schema jobs (check: compile; validate) stopped for running over their time budget or memory.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly schemaWorkersStarted = new Counter({
    name: 'sfgw_schema_workers_started_total',
    help: 'Schema worker threads started: on first use, after idling, after a job over budget, or to replace a worn one.',
    registers: [this.registry],
  });
  /** Finished client requests; `model` only where the request names one, `key` only for an API key's client. */
  readonly httpRequests = new Counter({
    name: 'sfgw_http_requests_total',
    help: 'Client requests by route pattern, method, status, requested model (known names, else "other") and API key name; 499 means the client left first.',
    labelNames: ['route', 'method', 'status', 'model', 'key'] as const,
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

  /** Requests turned away for a missing or unknown API key. */
  readonly authenticationFailures = new Counter({
    name: 'sfgw_authentication_failures_total',
    help: 'Requests refused for their API key: 401 when missing or invalid, 429 (throttled) while their address has failed too often.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  /** Requests refused with 429 by a per-key limit. */
  readonly keyLimitRejections = new Counter({
    name: 'sfgw_key_limit_rejections_total',
    help: 'Requests refused with 429 by a per-key limit, by API key name and limit (requests_per_minute, concurrency, tokens_per_day, tokens_per_month, requests_per_day).',
    labelNames: ['key', 'limit'] as const,
    registers: [this.registry],
  });
  /** Model requests refused with 503 because the gateway was full. */
  readonly shedRequests = new Counter({
    name: 'sfgw_shed_requests_total',
    help: 'Model requests refused with 503 by load shedding, by reason (queue_full, queue_timeout).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  /** Connections reset because their reader stopped taking the answer. */
  readonly stalledReadersCut = new Counter({
    name: 'sfgw_stalled_readers_cut_total',
    help: 'Connections reset because the client took no bytes of its answer for STREAM_STALL_TIMEOUT_MS.',
    registers: [this.registry],
  });
  /** Model requests being served, and waiting for a slot. */
  readonly admission = new Gauge({
    name: 'sfgw_model_requests',
    help: 'Model requests by state: running (holding a slot) or queued (waiting for one).',
    labelNames: ['state'] as const,
    registers: [this.registry],
    collect: () => {
      const { running, queued } = this.#admissionStats();
      this.admission.set({ state: 'running' }, running);
      this.admission.set({ state: 'queued' }, queued);
    },
  });
  /** The upstream circuit: 0 closed, 1 half-open, 2 open. */
  readonly upstreamCircuitState = new Gauge({
    name: 'sfgw_upstream_circuit_state',
    help: 'Circuit breaker on Models API calls: 0 closed, 1 half-open (probing), 2 open (failing fast).',
    registers: [this.registry],
    collect: () => {
      this.upstreamCircuitState.set(circuitStateValues[this.#circuitState()]);
    },
  });
  /** Model calls answered 503 at once because the circuit was open. */
  readonly upstreamCircuitRejections = new Counter({
    name: 'sfgw_upstream_circuit_rejections_total',
    help: 'Models API calls not attempted because the circuit was open.',
    registers: [this.registry],
  });
  /** 1 while Redis answers, 0 while this instance runs on its own state; absent without Redis. */
  readonly sharedStoreUp = new Gauge({
    name: 'sfgw_shared_store_up',
    help: '1 while the shared Redis answers, 0 while this instance uses its own token cache and rate limits.',
    registers: [this.registry],
  });
  /** Operations that used local state because Redis did not answer. */
  readonly responseCacheOutcomes = new Counter({
    name: 'sfgw_response_cache_total',
    help: 'Upstream calls the response cache saw: hit (answered from it), miss (answered upstream, then kept) or bypass (the caller asked to skip it).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly sharedStoreFallbacks = new Counter({
    name: 'sfgw_shared_store_fallbacks_total',
    help: 'Token, rate-limit and usage operations served from local state because Redis did not answer, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  /** Tokens of finished model requests, from the upstream's usage. */
  readonly tokens = new Counter({
    name: 'sfgw_tokens_total',
    help: 'Tokens of finished model requests by API key name ("none" without keys), requested model (known names, else "other") and direction (input, output).',
    labelNames: ['key', 'model', 'direction'] as const,
    registers: [this.registry],
  });
  /** Usage ledger operations that failed on USAGE_DB; the totals wait in memory meanwhile. */
  readonly usageLedgerErrors = new Counter({
    name: 'sfgw_usage_ledger_errors_total',
    help: 'Usage ledger operations on USAGE_DB that failed, by operation (open, write, read); meanwhile usage is counted in memory.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  #admissionStats: () => { running: number; queued: number } = () => ({ running: 0, queued: 0 });
  #circuitState: () => CircuitStateSample = () => 'closed';

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sfgw_' });
  }

  /** Where the pool gauges read their numbers on each scrape. */
  watchPools(poolStats: () => PoolSample[]): void {
    this.#poolStats = poolStats;
  }

  /** Where the model-request gauges read their numbers on each scrape. */
  watchAdmission(stats: () => { running: number; queued: number }): void {
    this.#admissionStats = stats;
  }

  /** Where the circuit gauge reads the breaker's position on each scrape. */
  watchUpstreamCircuit(state: () => CircuitStateSample): void {
    this.#circuitState = state;
  }

  /** Counts one finished call to Salesforce. */
  recordUpstreamExchange(exchange: UpstreamExchangeSample): void {
    this.upstreamRequests.inc({ endpoint: exchange.endpoint, status: String(exchange.status) });
    this.upstreamRequestDuration.observe({ endpoint: exchange.endpoint }, exchange.durationMs / 1000);
  }

  /** Counts token fetches and cache hits from the token cache's events. */
  recordTokenEvent(event: TokenEventSample): void {
    if (event.type === 'hit') this.tokenCacheHits.inc();
    else if (event.type === 'fetch-success') this.tokenFetches.inc({ outcome: 'success' });
    // a failed background refresh also reports fetch-failure: counting that one is enough
    else if (event.type === 'fetch-failure') this.tokenFetches.inc({ outcome: 'failure' });
  }
}
