import type { ModelsFault } from '../../src/simulator/simulator.ts';
import { sendCall } from './client-calls.ts';
import { describeFaultScenarios, expectCounters } from './fault-scenarios.ts';
import type { FaultStack } from './fault-stack.ts';

// Every fault hits chat-generations, which both the OpenAI and the Anthropic route call.
// UPSTREAM_MAX_RETRIES is 2, so a fault served 3 times outlasts the retries and 2 times does not.
const chatFault = (fault: ModelsFault) => (stack: FaultStack) =>
  stack.simulator.injectFault({ endpoint: 'chat-generations', ...fault });

describeFaultScenarios('5xx bursts from the Models API', [
  {
    name: 'a 500 burst shorter than the retries is absorbed',
    inject: chatFault({ status: 500, count: 2 }),
    expect: 'answer',
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 503 with an HTML page then a 500 with an empty body are absorbed',
    inject: (stack) => {
      chatFault({ status: 503, body: 'non-json' })(stack);
      chatFault({ status: 500, body: 'empty' })(stack);
    },
    expect: 'answer',
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 500 burst longer than the retries is a 502',
    inject: chatFault({ status: 500, count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 503 burst longer than the retries is a 503',
    inject: chatFault({ status: 503, count: 3 }),
    expect: { status: 503 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 502 HTML page from a load balancer, every time, is a 502',
    inject: chatFault({ status: 502, body: 'non-json', count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 503 with an empty body, every time, is a 503',
    inject: chatFault({ status: 503, body: 'empty', count: 3 }),
    expect: { status: 503 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a late 503 burst is an in-stream error once keep-alives started a stream',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: chatFault({ status: 503, count: 3, delayMs: 200 }),
    expect: { status: 503 },
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 3 }),
  },
]);

describeFaultScenarios('answers that are not answers', [
  {
    name: 'a 200 with an HTML page, every time, is a 502',
    inject: chatFault({ status: 200, body: 'non-json', count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 200 with an empty body, every time, is a 502',
    inject: chatFault({ status: 200, body: 'empty', count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a 200 whose JSON holds no generation is a 502, not retried',
    inject: chatFault({ status: 200, body: 'json' }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 1 }),
  },
]);

// The gateway owns the credentials, so a token Salesforce keeps rejecting is the gateway's problem
// (502 upstream_auth_failed, src/providers/salesforce/errors.ts), never the client's 401.
describeFaultScenarios('401 and 403 from the Models API', [
  {
    name: 'a token revoked upstream is replaced and the call goes through',
    inject: async (stack, call) => {
      await sendCall(stack.url, call, 'fetch a token first');
      stack.simulator.revokeAllTokens();
      stack.simulator.resetCounters();
    },
    expect: 'answer',
    verify: expectCounters({ tokenRequests: 1, unauthorized: 1 }),
  },
  {
    name: 'a 401 storm that outlasts a fresh token is a 502',
    inject: chatFault({ status: 401, count: 2 }),
    expect: { status: 502 },
    verify: expectCounters({ tokenRequests: 2, chatGenerations: 2 }),
  },
  {
    name: 'a 401 storm with HTML pages is a 502',
    inject: chatFault({ status: 401, body: 'non-json', count: 2 }),
    expect: { status: 502 },
    verify: expectCounters({ tokenRequests: 2, chatGenerations: 2 }),
  },
  {
    name: 'a 403 (no Einstein entitlement) is a 403, not retried',
    inject: chatFault({ status: 403 }),
    expect: { status: 403 },
    verify: expectCounters({ chatGenerations: 1 }),
  },
]);
