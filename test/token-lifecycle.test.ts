import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const ask = (current: GatewayStack, text = 'ping') =>
  current.openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: text }],
  });

describe('OAuth token lifecycle against the simulator', () => {
  it('100 concurrent requests on a cold gateway cause exactly one token request', async () => {
    stack = await startGatewayStack();
    const current = stack;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) => ask(current, `question ${index}`)),
    );
    expect(answers).toHaveLength(100);
    for (const answer of answers) expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(current.simulator.counters().tokenRequests).toBe(1);
    expect(current.simulator.counters().chatGenerations).toBe(100);
  });

  it('refreshes a short-lived token ahead of expiry without a failed request', async () => {
    // 4 s tokens; refresh advised in the last 2 s, required in the last 1 s
    stack = await startGatewayStack({
      simulator: { tokenTtlSeconds: 4 },
      settings: { TOKEN_ADVISORY_REFRESH_SECONDS: '2', TOKEN_MANDATORY_REFRESH_SECONDS: '1' },
    });
    const current = stack;
    const deadline = Date.now() + 6_000;
    let requests = 0;
    while (Date.now() < deadline) {
      await ask(current);
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const counters = current.simulator.counters();
    expect(requests).toBeGreaterThan(20);
    expect(counters.unauthorized).toBe(0);
    expect(counters.tokenRequests).toBeGreaterThanOrEqual(2);
    expect(counters.tokenRequests).toBeLessThanOrEqual(4);
  });

  it('a token revoked at Salesforce costs one 401 and one refresh, and the request still succeeds', async () => {
    stack = await startGatewayStack();
    await ask(stack);
    expect(stack.simulator.counters().tokenRequests).toBe(1);
    stack.simulator.revokeAllTokens();
    stack.simulator.resetCounters();
    const answer = await ask(stack, 'after revocation');
    expect(answer.choices[0]?.message.content).toContain('after revocation');
    expect(stack.simulator.counters()).toMatchObject({
      unauthorized: 1,
      tokenRequests: 1,
      chatGenerations: 2,
    });
  });

  it('stops asking for tokens after repeated credential refusals, and says why', async () => {
    stack = await startGatewayStack({
      settings: { TOKEN_FAILURE_THRESHOLD: '2', UPSTREAM_MAX_RETRIES: '0' },
    });
    stack.simulator.injectTokenFault({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
      count: 10,
    });
    const current = stack;
    const failures = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      failures.push(await ask(current).catch((error: unknown) => error));
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 502 });
      expect(String((failure as Error).message)).toContain('SALESFORCE_CONSUMER_SECRET');
    }
    expect(current.simulator.counters().tokenRequests).toBe(2);
    const health = (await (await fetch(`${current.url}/health`)).json()) as { token: { breaker: string } };
    expect(health.token.breaker).toBe('open');
  });
});
