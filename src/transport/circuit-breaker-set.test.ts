import { describe, expect, it, vi } from 'vitest';
import { CircuitBreakerSet, maxBreakersPerSet, overflowBreakerKey } from './circuit-breaker-set.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude45Haiku';
const gpt = 'sfdc_ai__DefaultGPT41';

function setWithClock() {
  const clock = { now: 1_000_000 };
  const onOpen = vi.fn();
  const breakers = new CircuitBreakerSet({
    failureThreshold: 3,
    cooldownMs: 10_000,
    now: () => clock.now,
    onOpen,
  });
  return { breakers, clock, onOpen };
}

function fail(breakers: CircuitBreakerSet, key: string, times: number): void {
  for (let failure = 0; failure < times; failure++) breakers.for(key).recordFailure();
}

describe('CircuitBreakerSet', () => {
  it('gives each key its own breaker, so one opening leaves the others closed', () => {
    const { breakers } = setWithClock();
    fail(breakers, claude, 3);
    expect(breakers.for(claude).canAttempt()).toBe(false);
    expect(breakers.for(gpt).state).toBe('closed');
    expect(breakers.for(gpt).canAttempt()).toBe(true);
    expect(breakers.for(claude)).toBe(breakers.for(claude));
  });

  it('tells onOpen once per opening, with the time the breaker refuses until', () => {
    const { breakers, clock, onOpen } = setWithClock();
    fail(breakers, claude, 4);
    expect(onOpen.mock.calls).toEqual([[claude, 1_010_000]]);
    clock.now += 10_000;
    expect(breakers.for(claude).canAttempt()).toBe(true);
    clock.now += 200;
    breakers.for(claude).recordFailure();
    expect(onOpen.mock.calls).toEqual([
      [claude, 1_010_000],
      [claude, 1_020_200],
    ]);
  });

  it('refuses a force-opened key until the given time, then probes, without telling onOpen', () => {
    const { breakers, clock, onOpen } = setWithClock();
    breakers.forceOpen(claude, 1_030_000);
    expect(breakers.for(claude).canAttempt()).toBe(false);
    expect(breakers.for(claude).retryAfterMs()).toBe(30_000);
    expect(breakers.for(gpt).canAttempt()).toBe(true);
    clock.now = 1_029_999;
    expect(breakers.for(claude).canAttempt()).toBe(false);
    clock.now = 1_030_000;
    expect(breakers.for(claude).canAttempt()).toBe(true);
    expect(breakers.for(claude).canAttempt()).toBe(false);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('sums the keys up: the worst state, the longest run, the earliest opening, the keys not closed', () => {
    const { breakers, clock } = setWithClock();
    expect(breakers.snapshot()).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      openedAt: null,
      openModels: [],
    });
    fail(breakers, 'sfdc_ai__B', 3);
    clock.now += 4000;
    fail(breakers, 'sfdc_ai__A', 5);
    fail(breakers, 'sfdc_ai__C', 2);
    expect(breakers.state).toBe('open');
    expect(breakers.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 5,
      openedAt: 1_000_000,
      openModels: ['sfdc_ai__A', 'sfdc_ai__B'],
    });
    clock.now += 6000;
    expect(breakers.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 5,
      openedAt: 1_000_000,
      openModels: ['sfdc_ai__A', 'sfdc_ai__B'],
    });
    expect(breakers.for('sfdc_ai__A').state).toBe('open');
    expect(breakers.for('sfdc_ai__B').state).toBe('half-open');
    breakers.for('sfdc_ai__A').recordSuccess();
    expect(breakers.state).toBe('half-open');
    expect(breakers.snapshot()).toEqual({
      state: 'half-open',
      consecutiveFailures: 3,
      openedAt: 1_000_000,
      openModels: ['sfdc_ai__B'],
    });
  });

  it('holds at most 256 breakers, dropping the oldest clean one for a new key', () => {
    const { breakers } = setWithClock();
    expect(maxBreakersPerSet).toBe(256);
    const first = breakers.for('model-0');
    const second = breakers.for('model-1');
    second.recordFailure();
    for (let index = 2; index < 256; index++) breakers.for(`model-${index}`);
    expect(breakers.for('model-0')).toBe(first);
    breakers.for('model-256');
    expect(breakers.for('model-1')).toBe(second);
    expect(breakers.for('model-0')).not.toBe(first);
    expect(breakers.snapshot().consecutiveFailures).toBe(1);
  });

  it('shares one overflow breaker among new keys once every breaker holds failures', () => {
    const { breakers, onOpen } = setWithClock();
    for (let index = 0; index < 256; index++) breakers.for(`model-${index}`).recordFailure();
    const overflow = breakers.for('late-a');
    expect(breakers.for('late-b')).toBe(overflow);
    expect(breakers.for(overflowBreakerKey)).toBe(overflow);
    fail(breakers, 'late-a', 3);
    expect(breakers.for('late-b').canAttempt()).toBe(false);
    expect(breakers.for('model-0').canAttempt()).toBe(true);
    expect(onOpen.mock.calls).toEqual([[overflowBreakerKey, 1_010_000]]);
    expect(breakers.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3, openModels: ['*'] });
    breakers.for('model-7').recordSuccess();
    const own = breakers.for('late-c');
    expect(own).not.toBe(overflow);
    expect(own.canAttempt()).toBe(true);
  });
});
