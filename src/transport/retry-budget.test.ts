import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.ts';

function budgetWithClock(percent: number, minPerSecond: number) {
  const clock = { now: 1_700_000_000_000 };
  const budget = new RetryBudget({ percent, minPerSecond, windowSeconds: 10, now: () => clock.now });
  return { budget, clock };
}

function spendAll(budget: RetryBudget): number {
  let spent = 0;
  while (budget.trySpendRetry()) spent += 1;
  return spent;
}

describe('RetryBudget', () => {
  it('allows retries up to the percentage of first attempts plus the floor over the window', () => {
    const { budget } = budgetWithClock(20, 1);
    for (let call = 0; call < 50; call += 1) budget.recordFirstAttempt();
    // 20 % of 50, plus 1 a second for 10 seconds
    expect(spendAll(budget)).toBe(20);
  });

  it('keeps fractions of a retry earned by a few first attempts', () => {
    const { budget } = budgetWithClock(20, 0);
    for (let call = 0; call < 4; call += 1) budget.recordFirstAttempt();
    expect(budget.trySpendRetry()).toBe(false);
    budget.recordFirstAttempt();
    expect(budget.trySpendRetry()).toBe(true);
    expect(budget.trySpendRetry()).toBe(false);
  });

  it('lets a quiet process retry through the floor alone', () => {
    const { budget } = budgetWithClock(20, 1);
    budget.recordFirstAttempt();
    expect(budget.trySpendRetry()).toBe(true);
  });

  it('forgets first attempts once they leave the window', () => {
    const { budget, clock } = budgetWithClock(100, 0);
    for (let call = 0; call < 3; call += 1) budget.recordFirstAttempt();
    clock.now += 9_000;
    expect(budget.trySpendRetry()).toBe(true);
    clock.now += 1_000;
    expect(budget.trySpendRetry()).toBe(false);
  });

  it('forgets spent retries once they leave the window', () => {
    const { budget, clock } = budgetWithClock(0, 1);
    expect(spendAll(budget)).toBe(10);
    clock.now += 9_000;
    expect(budget.trySpendRetry()).toBe(false);
    clock.now += 1_000;
    expect(spendAll(budget)).toBe(10);
  });

  it('refuses every retry with neither a percentage nor a floor', () => {
    const { budget } = budgetWithClock(0, 0);
    budget.recordFirstAttempt();
    expect(budget.trySpendRetry()).toBe(false);
  });
});
