import type { ModelsEndpoint } from './endpoints.ts';

/** Body of an injected error: the endpoint's usual JSON error, an HTML page, or nothing at all. */
export type FaultBody = 'json' | 'non-json' | 'empty';

/** Every way a fault can break the connection. */
export const connectionFailures = ['reset', 'truncate', 'hang'] as const;

/**
 * A broken connection instead of an answer: `reset` aborts the TCP connection (RST) before any byte,
 * `truncate` sends a 200 with half of its declared JSON body and then closes the connection, and
 * `hang` never answers until the client (or the simulator's close) ends the connection.
 */
export type ConnectionFailure = (typeof connectionFailures)[number];

/**
 * Body of an injected Models API error: `json` is the usual body for the status (the gateway's
 * `{"errors":[…]}` on a 401), `error-object` the spec's error object even on a 401 (`INVALID_AUTH`).
 */
export type ModelsFaultBody = FaultBody | 'error-object';

/** A failure (or delay) served to the next matching Models API requests. */
export interface ModelsFault {
  /** Status to answer with; absent means "only delay, then answer normally". */
  status?: number;
  /** Break the connection (after the delay) instead of answering; excludes `status`. */
  connection?: ConnectionFailure;
  /** Adds a `Retry-After` header with this many seconds. */
  retryAfterSeconds?: number;
  /** Defaults to `json`. */
  body?: ModelsFaultBody;
  /** The `x-request-id` to answer with instead of a fresh UUID, so a test can find it in the gateway's logs. */
  requestId?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Only requests to this endpoint consume the fault; absent matches every endpoint. */
  endpoint?: ModelsEndpoint;
  /** Only requests for this model (the `{model}` of `/models/{model}/…`) consume the fault; absent matches every request. */
  model?: string;
  /** How many requests the fault applies to; defaults to 1. */
  count?: number;
}

/** The token endpoint's own error body. */
export interface TokenErrorBody {
  error: string;
  error_description: string;
}

/** A failure (or delay) served to the next token requests. */
export interface TokenFault {
  /** Status to answer with; absent means "only delay, then answer normally". */
  status?: number;
  /** Break the connection (after the delay) instead of answering; excludes `status`. */
  connection?: ConnectionFailure;
  /** `json` (the default) picks a body to suit the status; an object is sent as is. */
  body?: FaultBody | TokenErrorBody;
  delayMs?: number;
  /** How many requests the fault applies to; defaults to 1. */
  count?: number;
}

/** Whether a fault applies to a request for `model` (undefined for a request that names none): it names no model, or that one. */
export function matchesModel(fault: { model?: string }, model: string | undefined): boolean {
  return fault.model === undefined || fault.model === model;
}

interface Pending<F> {
  fault: F;
  remaining: number;
}

/** Injected faults in arrival order, each consumed by up to `count` matching requests. */
export class FaultQueue<
  F extends { count?: number; status?: number; connection?: ConnectionFailure; delayMs?: number },
> {
  #pending: Pending<F>[] = [];

  /** Queues a fault after the ones already waiting. */
  add(fault: F): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`fault count must be a positive integer, got ${count}`);
    if (
      fault.status !== undefined &&
      !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)
    ) {
      throw new RangeError(`fault status must be an HTTP status 200-599, got ${fault.status}`);
    }
    if (fault.connection !== undefined && !connectionFailures.includes(fault.connection)) {
      throw new RangeError(
        `fault connection must be one of ${connectionFailures.join(', ')}, got ${fault.connection}`,
      );
    }
    if (fault.connection !== undefined && fault.status !== undefined) {
      throw new RangeError('a fault either breaks the connection or answers with a status, not both');
    }
    if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) {
      throw new RangeError(`fault delayMs must be zero or more, got ${fault.delayMs}`);
    }
    this.#pending.push({ fault: { ...fault }, remaining: count });
  }

  /** Consumes one use of the oldest fault that matches, if any. */
  take(matches: (fault: F) => boolean = () => true): F | undefined {
    const index = this.#pending.findIndex((pending) => matches(pending.fault));
    const pending = this.#pending[index];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining === 0) this.#pending.splice(index, 1);
    return pending.fault;
  }

  /** How many uses are still queued. */
  size(): number {
    return this.#pending.reduce((total, pending) => total + pending.remaining, 0);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#pending = [];
  }
}
