import { describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';

function breakerWithClock(): { breaker: CircuitBreaker; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, now: () => clock.now });
  return { breaker, clock };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and resets the count on success', () => {
    const { breaker } = breakerWithClock();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.canAttempt()).toBe(true);
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 2, openedAt: null });
    expect(breaker.retryAfterMs()).toBe(0);
  });

  it('opens at the threshold and refuses until the cooldown has passed', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    expect(breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 3, openedAt: 1_000_000 });
    expect(breaker.canAttempt()).toBe(false);
    clock.now += 4000;
    expect(breaker.retryAfterMs()).toBe(6000);
    expect(breaker.canAttempt()).toBe(false);
    clock.now += 6000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.retryAfterMs()).toBe(0);
  });

  it('lets exactly one half-open probe through, and closes when it succeeds', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    clock.now += 10_000;
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.canAttempt()).toBe(false);
    expect(breaker.state).toBe('half-open');
    breaker.recordSuccess();
    expect(breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(breaker.canAttempt()).toBe(true);
  });

  it('re-opens for a full cooldown when the probe fails', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    clock.now += 12_000;
    expect(breaker.canAttempt()).toBe(true);
    clock.now += 500;
    breaker.recordFailure();
    expect(breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 4, openedAt: 1_012_500 });
    expect(breaker.retryAfterMs()).toBe(10_000);
    clock.now += 9_999;
    expect(breaker.canAttempt()).toBe(false);
    clock.now += 1;
    expect(breaker.canAttempt()).toBe(true);
  });

  it('frees the probe slot after another cooldown when the probe never reports back', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    clock.now += 10_000;
    expect(breaker.canAttempt()).toBe(true);
    clock.now += 9_000;
    expect(breaker.canAttempt()).toBe(false);
    expect(breaker.retryAfterMs()).toBe(1000);
    clock.now += 1000;
    expect(breaker.canAttempt()).toBe(true);
  });

  it('gives the probe slot to the next caller at once when the probe ends without a verdict', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    clock.now += 10_000;
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.canAttempt()).toBe(false);
    breaker.recordInconclusive();
    expect(breaker.snapshot()).toEqual({ state: 'half-open', consecutiveFailures: 3, openedAt: 1_000_000 });
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.canAttempt()).toBe(false);
  });

  it('changes nothing when a call without a verdict ends while closed', () => {
    const { breaker } = breakerWithClock();
    breaker.recordFailure();
    breaker.recordInconclusive();
    expect(breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 1, openedAt: null });
  });

  it('tells its listener when it opens at the threshold, not for the failures that follow', () => {
    const clock = { now: 1_000_000 };
    const onOpen = vi.fn();
    const breaker = new CircuitBreaker(
      { failureThreshold: 2, cooldownMs: 10_000, now: () => clock.now },
      onOpen,
    );
    breaker.recordFailure();
    expect(onOpen).not.toHaveBeenCalled();
    breaker.recordFailure();
    clock.now += 300;
    breaker.recordFailure();
    expect(onOpen.mock.calls).toEqual([[1_010_000]]);
    expect(breaker.retryAfterMs()).toBe(10_000);
  });

  it('stays open until the time openUntil names, then lets one probe through', () => {
    const { breaker, clock } = breakerWithClock();
    breaker.openUntil(1_025_000);
    expect(breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 0, openedAt: 1_000_000 });
    breaker.openUntil(1_005_000);
    expect(breaker.retryAfterMs()).toBe(25_000);
    clock.now = 1_024_999;
    expect(breaker.canAttempt()).toBe(false);
    clock.now = 1_025_000;
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.canAttempt()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('keeps the window openUntil set when a failure would re-open it for less', () => {
    const { breaker, clock } = breakerWithClock();
    for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
    breaker.openUntil(1_060_000);
    clock.now += 1000;
    breaker.recordFailure();
    expect(breaker.retryAfterMs()).toBe(59_000);
  });

  it('ignores an openUntil time that has already passed', () => {
    const { breaker } = breakerWithClock();
    breaker.openUntil(1_000_000);
    expect(breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(breaker.canAttempt()).toBe(true);
  });
});
