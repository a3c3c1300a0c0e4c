import { expect } from 'vitest';
import type { TokenFault } from '../../src/simulator/simulator.ts';
import { type ClientCall, sendCall } from './client-calls.ts';
import { startStackWithClosedPort } from './closed-port.ts';
import {
  expectAlive,
  expectAnswer,
  expectCleanBodies,
  expectCleanLog,
  expectFailure,
  expectHealthy,
} from './expect-outcome.ts';
import { describeFaultScenarios, describeForEveryCall, expectCounters } from './fault-scenarios.ts';
import { type FaultStack, startFaultStack } from './fault-stack.ts';
import { readOutcome } from './read-outcome.ts';

const tokenFault = (fault: TokenFault) => (stack: FaultStack) => stack.simulator.injectTokenFault(fault);

// No token, no Models API call: every scenario below that fails must leave chat-generations alone.
const upstreamTraffic = (tokenRequests: number, chatGenerations: number) =>
  expectCounters({ tokenRequests, chatGenerations });

describeFaultScenarios('token endpoint down', [
  {
    name: 'a token endpoint that refuses connections is a 502',
    start: () => startStackWithClosedPort('token-endpoint'),
    expect: { status: 502 },
    verify: upstreamTraffic(0, 0),
  },
  {
    name: 'a token endpoint answering 503 on every attempt is a 503',
    inject: tokenFault({ status: 503, count: 3 }),
    expect: { status: 503, retryAfter: 'any' },
    verify: upstreamTraffic(3, 0),
  },
  {
    name: 'a token endpoint answering 500 with an HTML page on every attempt is a 503',
    inject: tokenFault({ status: 500, body: 'non-json', count: 3 }),
    expect: { status: 503, retryAfter: 'any' },
    verify: upstreamTraffic(3, 0),
  },
  {
    name: 'one 503 from the token endpoint is retried and the answer arrives',
    inject: tokenFault({ status: 503 }),
    expect: 'answer',
    verify: upstreamTraffic(2, 1),
  },
  {
    name: 'a token endpoint that resets the connection on every attempt is a 502',
    inject: tokenFault({ connection: 'reset', count: 3 }),
    expect: { status: 502 },
    verify: upstreamTraffic(3, 0),
  },
  {
    name: 'a token answer cut off mid-body on every attempt is a 502',
    inject: tokenFault({ connection: 'truncate', count: 3 }),
    expect: { status: 502 },
    verify: upstreamTraffic(3, 0),
  },
  {
    name: 'a token endpoint answering 200 with an HTML page on every attempt is a 502',
    inject: tokenFault({ status: 200, body: 'non-json', count: 3 }),
    expect: { status: 502 },
    verify: upstreamTraffic(3, 0),
  },
]);

// Bad credentials are the gateway's configuration problem (502 upstream_auth_failed), not the
// client's 401, and are not retried: the same secret would be refused again.
describeFaultScenarios('token endpoint refusing the credentials', [
  {
    name: 'invalid_client (400) is a 502, not retried',
    inject: tokenFault({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    }),
    expect: { status: 502 },
    verify: upstreamTraffic(1, 0),
  },
  {
    name: 'invalid_client (401) is a 502, not retried',
    inject: tokenFault({
      status: 401,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    }),
    expect: { status: 502 },
    verify: upstreamTraffic(1, 0),
  },
]);

describeFaultScenarios('slow token endpoint', [
  {
    // Like a hanging Models API, a hanging token endpoint must time out within the upstream timeout.
    name: 'a token endpoint that never answers is a 504 within the bound',
    settings: { UPSTREAM_TIMEOUT_MS: '300' },
    inject: tokenFault({ connection: 'hang', count: 3 }),
    expect: { status: 504 },
    verify: upstreamTraffic(3, 0),
  },
  {
    name: 'a slow token endpoint delays the answer, streams kept alive meanwhile',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: tokenFault({ delayMs: 600 }),
    expect: 'answer',
    streamStarted: true,
    verify: upstreamTraffic(1, 1),
  },
]);

const wrongSecret = 'wrong-consumer-secret-5f2a';

// A wrong secret cannot heal without new configuration, so this checks the failure, the token
// breaker (TOKEN_FAILURE_THRESHOLD, 3 by default) and that the process stays sound.
async function runWrongSecret(call: ClientCall): Promise<void> {
  const stack = await startFaultStack({ settings: { SALESFORCE_CONSUMER_SECRET: wrongSecret } });
  try {
    const responses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) responses.push(await sendCall(stack.url, call));
    for (const response of responses) {
      expectFailure(readOutcome(call, response), call, { status: 502 }, false);
      expect(response.text).not.toContain(wrongSecret);
    }
    // Three refusals open the breaker: the fourth request fails fast without asking again.
    expect(stack.simulator.counters()).toMatchObject({
      tokenRequests: 3,
      tokenFailures: 3,
      chatGenerations: 0,
    });
    expectCleanBodies(stack, responses);
    expectCleanLog(stack);
    expect(stack.logText()).not.toContain(wrongSecret);
    await expectAlive(stack);
  } finally {
    await stack.close();
  }
}

describeForEveryCall(
  'a wrong consumer secret',
  'is a 502 that names no secret, and stops asking after three refusals',
  runWrongSecret,
);

// The simulator checks the token after its delay, so a token that lapses while the "model" works
// is refused with 401 at the end of the call: the gateway must fetch a new one and try again,
// inside the same client request and, for streams, inside the same already-started stream.
const refetchedOnce = expectCounters({ tokenRequests: 1, unauthorized: 1, chatGenerations: 2 });

describeFaultScenarios('a token that expires mid-call', [
  {
    name: 'a token expired upstream during a slow call is replaced and the call completes',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: async (stack, call) => {
      await sendCall(stack.url, call, 'fetch a token first');
      stack.simulator.resetCounters();
      stack.simulator.injectFault({ delayMs: 400 });
      setTimeout(() => stack.simulator.expireAllTokens(), 150);
    },
    expect: 'answer',
    streamStarted: true,
    verify: refetchedOnce,
  },
  {
    name: 'a short-lived token that runs out during a slow call is replaced and the call completes',
    // Tokens live at most 2 s; the call takes 2.1 s, well inside its own timeout.
    simulator: { tokenTtlSeconds: 2 },
    settings: { STREAM_KEEPALIVE_MS: '100', UPSTREAM_TIMEOUT_MS: '5000' },
    inject: (stack) => stack.simulator.injectFault({ delayMs: 2_100 }),
    expect: 'answer',
    streamStarted: true,
    verify: expectCounters({
      tokenRequests: 2,
      unauthorized: 1,
      chatGenerations: 2,
    }),
  },
]);

const stormSize = 6;

// Many requests meet the same revoked token at once: one new token serves them all.
async function runRevokedTokenStorm(call: ClientCall): Promise<void> {
  const stack = await startFaultStack();
  try {
    await sendCall(stack.url, call, 'fetch a token first');
    stack.simulator.revokeAllTokens();
    stack.simulator.resetCounters();
    // Held for a moment, every request is sent with the revoked token before the first 401 returns.
    stack.simulator.injectFault({ delayMs: 200, count: stormSize });
    const responses = await Promise.all(
      Array.from({ length: stormSize }, (_, index) => sendCall(stack.url, call, `after revocation ${index}`)),
    );
    for (const response of responses) expectAnswer(readOutcome(call, response));
    expect(stack.simulator.counters()).toMatchObject({
      tokenRequests: 1,
      unauthorized: stormSize,
      chatGenerations: 2 * stormSize,
    });
    expectCleanBodies(stack, responses);
    await expectHealthy(stack, call);
    expectCleanLog(stack);
  } finally {
    await stack.close();
  }
}

describeForEveryCall(
  'a 401 storm after the token was revoked',
  `answers all ${stormSize} concurrent requests with one new token`,
  runRevokedTokenStorm,
);
