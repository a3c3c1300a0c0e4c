import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy.ts';

function setup() {
  const clock = { now: 0 };
  const policy = new RestartPolicy({
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRestarts: 5,
    windowMs: 60_000,
    now: () => clock.now,
  });
  return { clock, policy };
}

describe('RestartPolicy', () => {
  it('doubles the delay with each recent crash, up to the maximum', () => {
    const { policy } = setup();
    const delays = Array.from({ length: 5 }, () => policy.recordCrash());
    expect(delays).toEqual([100, 200, 400, 800, 1000].map((delayMs) => ({ restart: true, delayMs })));
  });

  it('gives up once crashes within the window exceed the limit', () => {
    const { policy } = setup();
    for (let crash = 0; crash < 5; crash += 1) policy.recordCrash();
    expect(policy.recordCrash()).toEqual({ restart: false, crashes: 6 });
  });

  it('forgets crashes older than the window', () => {
    const { clock, policy } = setup();
    for (let crash = 0; crash < 5; crash += 1) policy.recordCrash();
    clock.now += 60_000;
    expect(policy.recordCrash()).toEqual({ restart: true, delayMs: 100 });
  });
});
