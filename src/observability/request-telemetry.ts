import type { FinishReason, Usage } from '../core/model.ts';
import type { UpstreamWaitTimer } from '../core/provider.ts';
import type { ResponseCapture } from './response-capture.ts';

/** What a request's telemetry calls back when its stream commits and writes its first frame. */
export interface RequestTelemetryHooks {
  onCommit?: () => void;
  onFirstFrame?: () => void;
}

/**
 * The timing of one client request: when it arrived, how long it waited on the upstream, and
 * when its stream committed. The gateway's overhead is its duration minus those waits.
 */
export class RequestTelemetry implements UpstreamWaitTimer {
  /** Clock reading at arrival, in milliseconds. */
  readonly startedAt: number;
  /** The response went out as a stream. */
  streamed = false;
  /** Prompt and answer tokens from the answer's usage; null until a chat route reports them. */
  inputTokens: number | null = null;
  outputTokens: number | null = null;
  /** The gateway counted those tokens itself: the upstream gave no usage. */
  usageEstimated = false;
  /** The model that served the answer and why it ended (unified), as the upstream said; null until a chat route reports them. */
  servedModel: string | null = null;
  finishReason: FinishReason['unified'] | null = null;
  /** The error kind a stream ended with after its 200 went out; null when it did not fail. */
  streamFailure: string | null = null;
  /** Set when the console keeps bodies: the answer's first bytes, as they are written. */
  responseCapture: ResponseCapture | null = null;
  readonly #clock: () => number;
  readonly #hooks: RequestTelemetryHooks;
  #openWaits = 0;
  #waitingSince = 0;
  #waitedMs = 0;

  constructor(clock: () => number, hooks: RequestTelemetryHooks = {}) {
    this.#clock = clock;
    this.#hooks = hooks;
    this.startedAt = clock();
  }

  begin(): () => void {
    if (this.#openWaits === 0) this.#waitingSince = this.#clock();
    this.#openWaits += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#openWaits -= 1;
      if (this.#openWaits === 0) this.#waitedMs += this.#clock() - this.#waitingSince;
    };
  }

  /** Milliseconds since arrival. */
  elapsedMs(at = this.#clock()): number {
    return at - this.startedAt;
  }

  /** Milliseconds spent waiting on the upstream so far, a wait still open included. */
  upstreamMs(at = this.#clock()): number {
    return this.#waitedMs + (this.#openWaits > 0 ? at - this.#waitingSince : 0);
  }

  /** Milliseconds the gateway itself has taken so far. */
  overheadMs(at = this.#clock()): number {
    return Math.max(0, this.elapsedMs(at) - this.upstreamMs(at));
  }

  /** Duration and overhead read at one instant, so the overhead can never exceed the duration. */
  finalTimings(at = this.#clock()): { durationMs: number; overheadMs: number } {
    return { durationMs: this.elapsedMs(at), overheadMs: this.overheadMs(at) };
  }

  /** Notes the token counts of the answer (a whole one, or a stream's finish). */
  noteUsage(usage: Usage): void {
    this.inputTokens = usage.inputTokens;
    this.outputTokens = usage.outputTokens;
    this.usageEstimated = usage.estimated === true;
  }

  /** Notes the model that served the answer (a whole one, or a stream's start). */
  noteServedModel(model: string): void {
    this.servedModel = model;
  }

  /** Notes why the answer ended, and its token counts. */
  noteFinish(finishReason: FinishReason, usage: Usage): void {
    this.finishReason = finishReason.unified;
    this.noteUsage(usage);
  }

  committing(): void {
    this.streamed = true;
    this.#hooks.onCommit?.();
  }

  firstFrameWritten(): void {
    this.#hooks.onFirstFrame?.();
  }
}
