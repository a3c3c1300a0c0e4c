import { GatewayError } from '../core/errors.ts';
import type { RetryBudget } from './retry-budget.ts';
import { sleep as defaultSleep } from './sleep.ts';

/** How often and how patiently a failed upstream call is retried. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error goes to the client instead. */
  maxRetryAfterMs: number;
  /** False inside an org pool: a 429 goes to the next org at once instead of being waited out (default true). */
  retryRateLimits?: boolean;
}

/** Cancellation, the shared retry budget, observation and test seams for withRetry. */
export interface RetryHooks {
  signal?: AbortSignal;
  /** Shared by every call: each first attempt is counted in it, and a retry it refuses is not made. */
  budget?: RetryBudget;
  /** Called when the policy would retry but the budget refused; the error then goes to the caller. */
  onRetryRefused?: (error: GatewayError, attempt: number) => void;
  /** Called before each wait; `attempt` is the number of the attempt about to run (1 = first retry). */
  onRetry?: (error: GatewayError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Runs `operation` (attempt 0 first) and retries retryable GatewayErrors as the policy allows. */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? defaultSleep;
  const random = hooks.random ?? Math.random;
  hooks.budget?.recordFirstAttempt();
  for (let attempt = 0; ; attempt++) {
    hooks.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const delayMs = computeRetryDelay(error, attempt, policy, random);
      if (delayMs === undefined) throw error;
      if (hooks.budget?.trySpendRetry() === false) {
        hooks.onRetryRefused?.(error, attempt + 1);
        throw error;
      }
      hooks.onRetry?.(error, attempt + 1, delayMs);
      await sleep(delayMs, hooks.signal);
    }
  }
}

/** The wait before retrying after attempt `attempt` (0-based) failed; undefined means give up. */
export function computeRetryDelay(
  error: GatewayError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | undefined {
  if (!error.retryable || attempt >= policy.maxRetries) return undefined;
  if (error.kind === 'rate_limit' && policy.retryRateLimits === false) return undefined;
  if (error.retryAfterSeconds !== undefined) {
    const requestedMs = error.retryAfterSeconds * 1000;
    return requestedMs > policy.maxRetryAfterMs ? undefined : requestedMs;
  }
  // Full jitter: uniform in [0, min(maxDelay, base * 2^attempt)] spreads retrying clients apart best.
  const ceilingMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceilingMs);
}

/** Reads a Retry-After header (delta-seconds or HTTP-date) as whole seconds from `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) begin with a day name.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
