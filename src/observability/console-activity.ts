import { type LatencySummary, LatencyWindow } from './latency-window.ts';
import { type RecentRequest, RecentRequestLog, type RequestBodies } from './recent-request-log.ts';
import { RollingCounts } from './rolling-counts.ts';

/** How much the console keeps. */
export interface ConsoleActivityOptions {
  recentRequests: number;
  captureBodies: boolean;
  bodyMaxBytes: number;
}

/** The console's live numbers over client API requests (totals since start are RequestStatistics'). */
export interface ActivitySnapshot {
  /** Over the last 10 s. */
  perSecond: number;
  /** Over the last 60 s; null without requests. */
  errorRate: number | null;
  /** Requests per model label since start, most first. */
  models: { model: string; requests: number }[];
  timeToFirstTokenMs: LatencySummary;
}

// As many first-token samples as the latency windows of the JSON performance view keep.
const timeToFirstTokenWindow = 1_024;

/** What the console knows of recent client API traffic: the request log and the rolling statistics. */
export class ConsoleActivity {
  readonly captureBodies: boolean;
  readonly bodyMaxBytes: number;
  readonly log: RecentRequestLog;
  readonly #counts = new RollingCounts(60);
  // keyed by metric label (a listed model or "other"), so the map stays as small as the catalog
  readonly #modelCounts = new Map<string, number>();
  readonly #timeToFirstToken = new LatencyWindow(timeToFirstTokenWindow);

  constructor(options: ConsoleActivityOptions) {
    this.captureBodies = options.captureBodies;
    this.bodyMaxBytes = options.bodyMaxBytes;
    this.log = new RecentRequestLog(options.recentRequests);
  }

  /** Logs a finished request and counts it; `modelLabel` is its model's metric label, if it named one. */
  record(
    request: RecentRequest,
    bodies: RequestBodies | null,
    modelLabel: string | undefined,
    nowMs: number,
  ): void {
    this.#counts.record(nowMs, request.status >= 400);
    if (modelLabel !== undefined)
      this.#modelCounts.set(modelLabel, (this.#modelCounts.get(modelLabel) ?? 0) + 1);
    this.log.add(request, bodies);
  }

  /** Adds a stream's time from arrival to its first frame. */
  recordTimeToFirstToken(milliseconds: number): void {
    this.#timeToFirstToken.record(milliseconds);
  }

  /** The numbers as of `nowMs`. */
  snapshot(nowMs: number): ActivitySnapshot {
    const lastTenSeconds = this.#counts.sum(nowMs, 10);
    const lastMinute = this.#counts.sum(nowMs, 60);
    return {
      perSecond: lastTenSeconds.requests / 10,
      errorRate: lastMinute.requests === 0 ? null : lastMinute.errors / lastMinute.requests,
      models: [...this.#modelCounts]
        .map(([model, requests]) => ({ model, requests }))
        .sort((first, second) => second.requests - first.requests),
      timeToFirstTokenMs: this.#timeToFirstToken.summarize(),
    };
  }
}
