import { expect } from 'vitest';
import { type ClientCall, sendCall } from './client-calls.ts';
import {
  expectAnswer,
  expectCleanBodies,
  expectCleanLog,
  expectFailure,
  expectHealthy,
} from './expect-outcome.ts';
import { describeFaultScenarios, describeForEveryCall, expectCounters } from './fault-scenarios.ts';
import { startFaultStack } from './fault-stack.ts';
import { readOutcome } from './read-outcome.ts';

describeFaultScenarios('429 storms from the Models API', [
  {
    name: 'a 429 burst shorter than the retries is absorbed',
    inject: (stack) => stack.simulator.injectFault({ status: 429, count: 2 }),
    expect: 'answer',
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a short Retry-After is waited out',
    inject: (stack) => stack.simulator.injectFault({ status: 429, retryAfterSeconds: 1 }),
    expect: 'answer',
    verify: expectCounters({ chatGenerations: 2 }),
  },
  {
    // Salesforce documents no Retry-After; the gateway still tells the client when to come back.
    name: 'a 429 storm without Retry-After is a 429 with Retry-After',
    inject: (stack) => stack.simulator.injectFault({ status: 429, count: 3 }),
    expect: { status: 429, retryAfter: 'any' },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a Retry-After too long to wait for is passed on at once',
    inject: (stack) => stack.simulator.injectFault({ status: 429, retryAfterSeconds: 120 }),
    expect: { status: 429, retryAfter: 120 },
    verify: expectCounters({ chatGenerations: 1 }),
  },
  {
    name: 'a late 429 storm is an in-stream rate-limit error once keep-alives started a stream',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: (stack) => stack.simulator.injectFault({ status: 429, count: 3, delayMs: 200 }),
    expect: { status: 429, retryAfter: 'any' },
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: "the org's own limit, used up, is a 429 with its Retry-After",
    // A minute is more than the gateway waits, so the 429 goes to the client after one call.
    inject: (stack) => {
      stack.simulator.setRateLimit('chat-generations', { limit: 0, windowMs: 60_000 });
      stack.simulator.setRateLimitRetryAfter(60);
    },
    expect: { status: 429, retryAfter: 60 },
    verify: expectCounters({ chatGenerations: 1, rateLimited: 1 }),
    heal: (stack) => stack.simulator.setRateLimit('chat-generations', { limit: 10_000, windowMs: 60_000 }),
  },
]);

const stormSize = 8;
const allowed = 3;

async function runStorm(call: ClientCall): Promise<void> {
  const stack = await startFaultStack();
  try {
    stack.simulator.setRateLimit('chat-generations', { limit: allowed, windowMs: 60_000 });
    const responses = await Promise.all(
      Array.from({ length: stormSize }, (_, index) => sendCall(stack.url, call, `storm request ${index}`)),
    );
    const outcomes = responses.map((response) => readOutcome(call, response));
    const answers = outcomes.filter((outcome) => outcome.kind === 'answer');
    const refusals = outcomes.filter((outcome) => outcome.kind === 'error');
    expect(answers).toHaveLength(allowed);
    for (const answer of answers) expectAnswer(answer);
    expect(refusals).toHaveLength(stormSize - allowed);
    for (const refusal of refusals) expectFailure(refusal, call, { status: 429, retryAfter: 'any' }, false);
    // Each refused request was tried once and retried twice, no more.
    expect(stack.simulator.counters()).toMatchObject({
      chatGenerations: allowed + 3 * (stormSize - allowed),
      rateLimited: 3 * (stormSize - allowed),
    });
    expectCleanBodies(stack, responses);
    stack.simulator.setRateLimit('chat-generations', { limit: 10_000, windowMs: 60_000 });
    await expectHealthy(stack, call);
    expectCleanLog(stack);
  } finally {
    await stack.close();
  }
}

describeForEveryCall(
  'a storm of concurrent requests against a used-up org limit',
  `answers ${allowed} of ${stormSize} and refuses the rest with 429`,
  runStorm,
);
