import { type LatencySummary, LatencyWindow } from './latency-window.ts';

/** One finished client request, as the JSON performance view counts it. */
export interface FinishedRequest {
  /** 499 when the client left before an answer. */
  status: number;
  durationMs: number;
  overheadMs: number;
  stream: boolean;
}

/** Counts since start, and percentiles over the most recent requests. */
export interface RequestStatisticsSnapshot {
  total: number;
  streamed: number;
  /** Statuses 400-499, client disconnects (499) included. */
  clientErrors: number;
  /** Statuses 500 and up. */
  serverErrors: number;
  latencyMs: LatencySummary;
  overheadMs: LatencySummary;
}

/** Request counts and a bounded window of recent latencies and gateway overheads. */
export class RequestStatistics {
  readonly #latency: LatencyWindow;
  readonly #overhead: LatencyWindow;
  #total = 0;
  #streamed = 0;
  #clientErrors = 0;
  #serverErrors = 0;

  constructor(windowSize: number) {
    this.#latency = new LatencyWindow(windowSize);
    this.#overhead = new LatencyWindow(windowSize);
  }

  /** Counts a request and adds its timings to the windows. */
  record(request: FinishedRequest): void {
    this.#total += 1;
    if (request.stream) this.#streamed += 1;
    if (request.status >= 500) this.#serverErrors += 1;
    else if (request.status >= 400) this.#clientErrors += 1;
    this.#latency.record(request.durationMs);
    this.#overhead.record(request.overheadMs);
  }

  /** Counts so far and percentiles of the window. */
  snapshot(): RequestStatisticsSnapshot {
    return {
      total: this.#total,
      streamed: this.#streamed,
      clientErrors: this.#clientErrors,
      serverErrors: this.#serverErrors,
      latencyMs: this.#latency.summarize(),
      overheadMs: this.#overhead.summarize(),
    };
  }
}
