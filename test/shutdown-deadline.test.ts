import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';
import { postChat } from './support/post-chat.ts';

// A gateway told to stop while non-streaming requests still wait on a slow upstream: at the
// deadline each of them gets a 503 in its protocol, with Retry-After, instead of a cut socket.

const upstreamDelayMs = 1500;

let stack: GatewayStack;
const log = captureLog();
beforeAll(async () => {
  stack = await startGatewayStack({ logDestination: log.destination });
});
afterAll(async () => {
  // shutdown() below has already closed the gateway
  await stack?.simulator.close();
});

describe('the shutdown deadline', () => {
  it('answers requests still running with a 503 in their protocol, then closes quietly', async () => {
    stack.simulator.setSlowMode(upstreamDelayMs);
    const openai = postChat(stack.url, 'openai');
    const anthropic = postChat(stack.url, 'anthropic');
    await expect.poll(() => stack.simulator.counters().chatGenerations).toBe(2);

    const outcome = stack.server.shutdown(100);
    const [openaiAnswer, anthropicAnswer] = await Promise.all([openai, anthropic]);
    expect(openaiAnswer.status).toBe(503);
    expect(openaiAnswer.headers.get('retry-after')).toBe('1');
    expect(await openaiAnswer.json()).toMatchObject({
      error: { type: 'server_error', code: 'shutting_down' },
    });
    // Anthropic clients know an unavailable server as 529 overloaded_error
    expect(anthropicAnswer.status).toBe(529);
    expect(anthropicAnswer.headers.get('retry-after')).toBe('1');
    expect(await anthropicAnswer.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
    expect(await outcome).toEqual({ finishedInTime: false, streamsEnded: 0, requestsCut: 2 });

    // the upstream answers come back after the 503s; nothing tries to send them
    const lines = log.lines();
    expect(lines.filter((line) => /already sent|reply\.sent/i.test(JSON.stringify(line)))).toEqual([]);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
