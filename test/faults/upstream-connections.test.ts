import { startStackWithClosedPort } from './closed-port.ts';
import { describeFaultScenarios, expectCounters } from './fault-scenarios.ts';

// Each attempt may take 300 ms; two retries make a timed-out request end after about one second.
const shortTimeout = { UPSTREAM_TIMEOUT_MS: '300' };
// Keep-alives every 100 ms commit a stream's 200 well before the first attempt times out.
const streamsStartEarly = { ...shortTimeout, STREAM_KEEPALIVE_MS: '100' };

describeFaultScenarios('slow and hanging Models API', [
  {
    name: 'a slow answer within the timeout arrives, streams kept alive meanwhile',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: (stack) => stack.simulator.injectFault({ delayMs: 400 }),
    expect: 'answer',
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 1, abandoned: 0 }),
  },
  {
    name: 'an upstream slower than the timeout on every attempt is a 504',
    settings: streamsStartEarly,
    inject: (stack) => stack.simulator.injectFault({ delayMs: 5_000, count: 3 }),
    expect: { status: 504 },
    streamStarted: true,
    // The gateway gave up on each attempt, and the simulator saw each connection go.
    verify: expectCounters({ chatGenerations: 3, abandoned: 3 }),
  },
  {
    name: 'an upstream that never answers is a 504 after every attempt timed out',
    settings: streamsStartEarly,
    inject: (stack) => stack.simulator.injectFault({ connection: 'hang', count: 3 }),
    expect: { status: 504 },
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 3, abandoned: 3 }),
  },
  {
    name: 'an upstream that never answers is a plain 504 when no keep-alive was due',
    settings: shortTimeout,
    inject: (stack) => stack.simulator.injectFault({ connection: 'hang', count: 3 }),
    expect: { status: 504 },
    verify: expectCounters({ chatGenerations: 3, abandoned: 3 }),
  },
  {
    name: 'one hung attempt is retried and the answer arrives',
    settings: streamsStartEarly,
    inject: (stack) => stack.simulator.injectFault({ connection: 'hang' }),
    expect: 'answer',
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 2, abandoned: 1 }),
  },
  {
    name: 'slow mode beyond the timeout is a 504',
    settings: streamsStartEarly,
    inject: (stack) => stack.simulator.setSlowMode(5_000),
    expect: { status: 504 },
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 3, abandoned: 3 }),
  },
]);

describeFaultScenarios('broken connections to the Models API', [
  {
    name: 'one reset connection is retried and the answer arrives',
    inject: (stack) => stack.simulator.injectFault({ connection: 'reset' }),
    expect: 'answer',
    verify: expectCounters({ chatGenerations: 2 }),
  },
  {
    name: 'a connection reset on every attempt is a 502',
    inject: (stack) => stack.simulator.injectFault({ connection: 'reset', count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'an answer cut off mid-body on every attempt is a 502',
    inject: (stack) => stack.simulator.injectFault({ connection: 'truncate', count: 3 }),
    expect: { status: 502 },
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'late resets are an in-stream error once keep-alives started a stream',
    settings: { STREAM_KEEPALIVE_MS: '50' },
    inject: (stack) => stack.simulator.injectFault({ connection: 'reset', count: 3, delayMs: 200 }),
    expect: { status: 502 },
    streamStarted: true,
    verify: expectCounters({ chatGenerations: 3 }),
  },
  {
    name: 'a Models API host that refuses connections is a 502',
    start: () => startStackWithClosedPort('models-api'),
    expect: { status: 502 },
    verify: expectCounters({ tokenRequests: 1, chatGenerations: 0 }),
  },
]);
