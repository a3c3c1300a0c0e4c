import { describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { computeRetryDelay, parseRetryAfter, type RetryPolicy, withRetry } from './retry.ts';
import { RetryBudget } from './retry-budget.ts';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 };

function unavailable(options: { retryAfterSeconds?: number } = {}): GatewayError {
  return new GatewayError('upstream_unavailable', 'down', { status: 503, ...options });
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}

describe('withRetry', () => {
  it('retries retryable errors and returns the first success, passing the attempt number', async () => {
    const { sleep, waits } = recordingSleep();
    const attempts: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 2) throw unavailable();
        return 'ok';
      },
      policy,
      { sleep, random: () => 1 },
    );
    expect(result).toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
    expect(waits).toEqual([100, 200]);
  });

  it('waits exactly retryAfterSeconds when the error carries one', async () => {
    const { sleep, waits } = recordingSleep();
    const onRetry = vi.fn();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 7 });
        return 'ok';
      },
      policy,
      { sleep, random: () => 0.5, onRetry },
    );
    expect(waits).toEqual([7000]);
    expect(onRetry).toHaveBeenCalledWith(expect.any(GatewayError), 1, 7000);
  });

  it('gives up after maxRetries and surfaces the last error', async () => {
    const { sleep, waits } = recordingSleep();
    const operation = vi.fn(async (attempt: number) => {
      throw new GatewayError('upstream_timeout', `timeout ${attempt}`);
    });
    await expect(withRetry(operation, policy, { sleep, random: () => 0 })).rejects.toThrow('timeout 3');
    expect(operation).toHaveBeenCalledTimes(4);
    expect(waits).toHaveLength(3);
  });

  it('does not retry a non-retryable GatewayError or a foreign error', async () => {
    const { sleep } = recordingSleep();
    const invalid = vi.fn(async () => {
      throw new GatewayError('invalid_request', 'bad');
    });
    await expect(withRetry(invalid, policy, { sleep })).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(invalid).toHaveBeenCalledTimes(1);

    const foreign = vi.fn(async () => {
      throw new TypeError('bug');
    });
    await expect(withRetry(foreign, policy, { sleep })).rejects.toBeInstanceOf(TypeError);
    expect(foreign).toHaveBeenCalledTimes(1);
  });

  it('surfaces a Retry-After longer than maxRetryAfterMs at once, keeping the value for the client', async () => {
    const { sleep, waits } = recordingSleep();
    const operation = vi.fn(async () => {
      throw new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 31 });
    });
    await expect(withRetry(operation, policy, { sleep })).rejects.toMatchObject({ retryAfterSeconds: 31 });
    expect(operation).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('stops during the wait when the signal aborts, rethrowing the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('client left');
    const operation = vi.fn(async () => {
      throw unavailable({ retryAfterSeconds: 10 });
    });
    const pending = withRetry(operation, policy, {
      signal: controller.signal,
      onRetry: () => queueMicrotask(() => controller.abort(reason)),
    });
    await expect(pending).rejects.toBe(reason);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const operation = vi.fn(async () => 'never');
    await expect(withRetry(operation, policy, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(operation).not.toHaveBeenCalled();
  });
});

describe('withRetry with a shared budget', () => {
  const alwaysFailing = () => async () => {
    throw unavailable();
  };

  it('counts first attempts and stops retrying once the budget is spent, saying so', async () => {
    const { sleep, waits } = recordingSleep();
    const budget = new RetryBudget({ percent: 0, minPerSecond: 0.3, windowSeconds: 10 });
    const onRetryRefused = vi.fn();
    const first = vi.fn(alwaysFailing());
    await expect(withRetry(first, policy, { sleep, budget, onRetryRefused })).rejects.toThrow('down');
    // a floor of 3 retries in the window: the first call takes them all
    expect(first).toHaveBeenCalledTimes(4);
    const second = vi.fn(alwaysFailing());
    await expect(withRetry(second, policy, { sleep, budget, onRetryRefused })).rejects.toThrow('down');
    expect(second).toHaveBeenCalledTimes(1);
    expect(onRetryRefused).toHaveBeenCalledOnce();
    expect(onRetryRefused).toHaveBeenCalledWith(expect.any(GatewayError), 1);
    expect(waits).toHaveLength(3);
  });

  it('leaves the budget alone for errors the policy would not retry', async () => {
    const budget = new RetryBudget({ percent: 0, minPerSecond: 0.1, windowSeconds: 10 });
    const invalid = new GatewayError('invalid_request', 'bad');
    await expect(withRetry(async () => Promise.reject(invalid), policy, { budget })).rejects.toBe(invalid);
    expect(budget.trySpendRetry()).toBe(true);
  });
});

describe('computeRetryDelay', () => {
  it('draws full jitter below a ceiling that doubles per attempt and is capped', () => {
    const error = unavailable();
    expect(computeRetryDelay(error, 0, policy, () => 1)).toBe(100);
    expect(computeRetryDelay(error, 2, policy, () => 1)).toBe(400);
    expect(computeRetryDelay(error, 2, policy, () => 0.25)).toBe(100);
    expect(computeRetryDelay(error, 2, { ...policy, maxRetries: 10 }, () => 0)).toBe(0);
    expect(computeRetryDelay(error, 9, { ...policy, maxRetries: 10 }, () => 1)).toBe(1000);
  });

  it('refuses past maxRetries and for non-retryable errors', () => {
    expect(computeRetryDelay(unavailable(), 3, policy, () => 1)).toBeUndefined();
    expect(computeRetryDelay(new GatewayError('not_found', 'gone'), 0, policy, () => 1)).toBeUndefined();
  });

  it('leaves rate limits to the caller when retryRateLimits is false, still retrying other kinds', () => {
    const noRateLimitRetries = { ...policy, retryRateLimits: false };
    const rateLimited = new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 2 });
    expect(computeRetryDelay(rateLimited, 0, noRateLimitRetries, () => 1)).toBeUndefined();
    expect(computeRetryDelay(rateLimited, 0, policy, () => 1)).toBe(2000);
    expect(computeRetryDelay(unavailable(), 0, noRateLimitRetries, () => 1)).toBe(100);
  });

  it('uses Retry-After verbatim, including zero, up to maxRetryAfterMs', () => {
    expect(computeRetryDelay(unavailable({ retryAfterSeconds: 0 }), 0, policy, () => 1)).toBe(0);
    expect(computeRetryDelay(unavailable({ retryAfterSeconds: 30 }), 0, policy, () => 1)).toBe(30_000);
    expect(computeRetryDelay(unavailable({ retryAfterSeconds: 30.5 }), 0, policy, () => 1)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0);

  it('reads delta-seconds, taking the first of repeated headers', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3);
    expect(parseRetryAfter('1.2', now)).toBe(2);
  });

  it('reads an HTTP-date relative to now and never returns a negative wait', () => {
    expect(parseRetryAfter('Sat, 10 Jan 2026 12:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Sat, 10 Jan 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('ignores missing and malformed values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter([], now)).toBeUndefined();
  });
});
