import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { type ClientCall, clientCalls, describeCall, openCall } from './client-calls.ts';
import { expectCleanLog, expectHealthy } from './expect-outcome.ts';
import { describeForEveryCall } from './fault-scenarios.ts';
import { type FaultStack, startFaultStack } from './fault-stack.ts';
import { pollUntil } from './poll-until.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scrape(stack: FaultStack) {
  return parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
}

async function abortedUpstreamCalls(stack: FaultStack): Promise<number> {
  return (await scrape(stack)).value('sfgw_upstream_requests_total', {
    endpoint: 'chat-generations',
    status: 'aborted',
  });
}

async function busyUpstreamConnections(stack: FaultStack): Promise<number> {
  const metrics = await scrape(stack);
  return ['running', 'pending', 'queued'].reduce(
    (total, state) => total + metrics.value('sfgw_upstream_pool_requests', { state }),
    0,
  );
}

// pino writes one JSON object per line; level 50 and up are error and fatal.
function errorLines(stack: FaultStack): string[] {
  return stack
    .logText()
    .split('\n')
    .filter((line) => line !== '' && (JSON.parse(line) as { level: number }).level >= 50);
}

/** How the upstream is kept busy while the client walks away, and what the simulator must see. */
interface Disconnect {
  name: string;
  hold(stack: FaultStack): void;
  /** The upstream call is in progress (so leaving now must abort it). */
  upstreamBusy(stack: FaultStack): boolean;
  /** Models API calls the simulator saw, how many it saw abandoned, and how many the gateway aborted. */
  expected: { chatGenerations: number; abandoned: number; abortedByGateway: number };
  /** Waits until the upstream work the client left behind is over. */
  settled?: (stack: FaultStack) => Promise<void>;
}

const disconnects: Disconnect[] = [
  {
    name: 'while the Models API is slow',
    hold: (stack) => stack.simulator.setSlowMode(5_000),
    upstreamBusy: (stack) => stack.simulator.counters().chatGenerations === 1,
    expected: { chatGenerations: 1, abandoned: 1, abortedByGateway: 1 },
  },
  {
    name: 'while the Models API hangs',
    hold: (stack) => stack.simulator.injectFault({ connection: 'hang' }),
    upstreamBusy: (stack) => stack.simulator.counters().faultsServed === 1,
    expected: { chatGenerations: 1, abandoned: 1, abortedByGateway: 1 },
  },
  {
    // The token fetch is shared by every waiting request, so it completes; the Models API call
    // of the request that left must then never be made.
    name: 'while the token endpoint is slow',
    hold: (stack) => stack.simulator.injectTokenFault({ delayMs: 400 }),
    upstreamBusy: (stack) => stack.simulator.counters().tokenRequests === 1,
    expected: { chatGenerations: 0, abandoned: 0, abortedByGateway: 0 },
    settled: async (stack) => {
      const fetched = () => scrape(stack).then((metrics) => metrics.value('sfgw_token_fetches_total'));
      expect(await pollUntil(fetched, 1), 'the shared token fetch completed').toBe(1);
    },
  },
];

async function runDisconnect(disconnect: Disconnect, call: ClientCall): Promise<void> {
  const stack = await startFaultStack({ settings: { STREAM_KEEPALIVE_MS: '50' } });
  try {
    disconnect.hold(stack);
    const open = openCall(stack.url, call);
    expect(await pollUntil(() => disconnect.upstreamBusy(stack), true), 'upstream busy').toBe(true);
    if (call.mode === 'stream') {
      // Leave mid-stream: the 200 and at least one keep-alive are already out.
      expect((await open.response).statusCode).toBe(200);
      expect(await pollUntil(() => open.received().length > 0, true), 'a keep-alive arrived').toBe(true);
    }
    open.leave();
    const { expected } = disconnect;
    expect(await pollUntil(() => abortedUpstreamCalls(stack), expected.abortedByGateway)).toBe(
      expected.abortedByGateway,
    );
    expect(await pollUntil(() => stack.simulator.counters().abandoned, expected.abandoned)).toBe(
      expected.abandoned,
    );
    expect(await pollUntil(() => busyUpstreamConnections(stack), 0), 'upstream connections released').toBe(0);
    await disconnect.settled?.(stack);
    // Give a retry or a late Models API call the chance to show up: none may.
    await pause(300);
    expect(stack.simulator.counters()).toMatchObject({ chatGenerations: expected.chatGenerations });
    stack.simulator.clearFaults();
    stack.simulator.setSlowMode(0);
    await expectHealthy(stack, call);
    expectCleanLog(stack);
  } finally {
    await stack.close();
  }
}

describe.concurrent('a client that disconnects before its answer', () => {
  for (const disconnect of disconnects) {
    for (const call of clientCalls) {
      it(`${disconnect.name}: the upstream work stops and nothing leaks (${describeCall(call)})`, () =>
        runDisconnect(disconnect, call));
    }
  }
});

// The streaming routes already keep quiet about a client that left; a whole answer must too, or
// every impatient client writes an error with a stack trace into the log.
async function runQuietDisconnect(call: ClientCall): Promise<void> {
  const stack = await startFaultStack({ settings: { STREAM_KEEPALIVE_MS: '50' } });
  try {
    stack.simulator.setSlowMode(5_000);
    const open = openCall(stack.url, call);
    await pollUntil(() => stack.simulator.counters().chatGenerations, 1);
    open.leave();
    expect(await pollUntil(() => stack.simulator.counters().abandoned, 1)).toBe(1);
    expect(await pollUntil(() => stack.logText().includes('"aborted":true'), true), 'access line').toBe(true);
    // An error line, if any, follows the access line within moments.
    await pause(200);
    expect(errorLines(stack), 'a client leaving is not a gateway error').toEqual([]);
  } finally {
    await stack.close();
  }
}

describeForEveryCall(
  'the log after a client disconnects',
  'has no error line for a client that left',
  runQuietDisconnect,
);
