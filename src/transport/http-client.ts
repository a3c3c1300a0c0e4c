import { GatewayError } from '../core/errors.ts';
import { type ExchangeSpanStarter, endExchangeSpan } from './exchange-span.ts';
import type { HttpExchange, HttpRequest } from './http-exchange.ts';
import { type HttpStreamRequest, type HttpStreamResponse, openHttpStream } from './open-http-stream.ts';
import { sendWhole } from './send-whole.ts';
import { Pool } from './undici-pool.ts';
import { classifyFailure, formatSeconds } from './upstream-network-error.ts';

export type { HttpExchange, HttpRequest } from './http-exchange.ts';

/** An upstream answer of any status, with the whole body read as text. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Connection counts of one origin's pool, for health and metrics. */
export interface PoolStats {
  origin: string;
  connected: number;
  free: number;
  pending: number;
  queued: number;
  running: number;
  size: number;
}

/** How the per-origin pools are sized and kept alive. */
export interface HttpClientOptions {
  connectionsPerOrigin: number;
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
  /** Told about every exchange once it ends, successful or not. */
  onExchange?: (exchange: HttpExchange) => void;
  /** Opens a span per exchange; absent when tracing is off. */
  startExchangeSpan?: ExchangeSpanStarter;
  /** Monotonic milliseconds for exchange durations; default performance.now. */
  clock?: () => number;
}

/** Sends requests through one keep-alive undici Pool per origin, created on first use. */
export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #clock: () => number;
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => performance.now());
  }

  /** Sends a request and reads the whole body; any status is returned, failures become GatewayErrors. */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const pool = this.#poolFor(url.origin);
    const { signal: callerSignal } = request;
    callerSignal?.throwIfAborted();
    const span = this.#options.startExchangeSpan?.(request.method, url);

    let timedOut = false;
    const startedAt = this.#clock();
    let status: HttpExchange['status'] = 'network-error';

    try {
      const response = await sendWhole(
        pool,
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: request.headers,
          body: request.body,
          // The whole-exchange timer replaces undici's per-phase idle timers.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        { signal: callerSignal, timeoutMs: request.timeoutMs, onTimeout: () => (timedOut = true) },
      );
      status = response.statusCode;
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      const timeout = timedOut
        ? new GatewayError(
            'upstream_timeout',
            `Salesforce did not answer within ${formatSeconds(request.timeoutMs)}.`,
            { retryable: true, detail: { timeoutMs: request.timeoutMs }, cause: error },
          )
        : undefined;
      const failure = classifyFailure(error, callerSignal, timeout);
      status = failure.status;
      throw failure.error;
    } finally {
      if (span) endExchangeSpan(span, status);
      this.#options.onExchange?.({
        method: request.method,
        url,
        status,
        durationMs: this.#clock() - startedAt,
      });
    }
  }

  /** Sends a request and resolves once the headers are in, with the body to read as it arrives;
   * the exchange is reported when the body ends, fails or is cancelled. */
  async stream(request: HttpStreamRequest): Promise<HttpStreamResponse> {
    const url = new URL(request.url);
    const pool = this.#poolFor(url.origin);
    // checked here too, so that a span once started always ends through onEnd
    request.signal?.throwIfAborted();
    const span = this.#options.startExchangeSpan?.(request.method, url);
    return openHttpStream(pool, request, {
      clock: this.#clock,
      onEnd: (exchange) => {
        if (span) endExchangeSpan(span, exchange.status);
        this.#options.onExchange?.(exchange);
      },
    });
  }

  /** Current connection counts of every pool created so far. */
  stats(): PoolStats[] {
    return [...this.#pools].map(([origin, pool]) => {
      const { connected, free, pending, queued, running, size } = pool.stats;
      return { origin, connected, free, pending, queued, running, size };
    });
  }

  /** Lets in-flight requests finish, then closes every pool; later requests are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  #poolFor(origin: string): Pool {
    if (this.#closed) {
      throw new GatewayError('upstream_unavailable', 'The gateway is shutting down.', {
        retryable: false,
        code: 'shutting_down',
      });
    }
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.#options.connectionsPerOrigin,
        keepAliveTimeout: this.#options.keepAliveTimeoutMs,
        connectTimeout: this.#options.connectTimeoutMs,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }
}
