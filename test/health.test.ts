import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('GET /health', () => {
  it('reports live mode, token expiry and age, and pool stats, but never the token', async () => {
    await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    const response = await fetch(`${stack.url}/health`);
    const text = await response.text();
    const health = JSON.parse(text);
    expect(health).toMatchObject({
      status: 'ok',
      mode: 'live',
      config: { valid: true },
      token: { state: 'valid', fetches: 1, breaker: 'closed' },
    });
    expect(Date.parse(health.token.expiresAt)).toBeGreaterThan(Date.now());
    expect(health.token.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(health.token.lifetimeUsed).toBeGreaterThanOrEqual(0);
    expect(health.upstream.apiBaseUrl).toBe(stack.simulator.apiBaseUrl);
    expect(health.upstream.surface).toBe('models');
    expect(health.upstream.native).toBeUndefined();
    expect(health.upstream.pools).toEqual(
      expect.arrayContaining([expect.objectContaining({ origin: stack.simulator.url })]),
    );
    const sentToken = String(
      stack.simulator.requests('chat-generations').at(-1)?.headers.authorization,
    ).replace('Bearer ', '');
    expect(sentToken.split('.')).toHaveLength(3);
    expect(text).not.toContain(sentToken);
    expect(text).not.toContain(stack.simulator.clientSecret);
  });
});

describe('GET /health with UPSTREAM_API=auto', () => {
  it('names the surface and reports the native breaker beside the Models API one', async () => {
    const auto = await startGatewayStack({
      existingSimulator: stack.simulator,
      settings: { UPSTREAM_API: 'auto', UPSTREAM_BREAKER_FAILURES: '1' },
    });
    try {
      stack.simulator.injectNativeFault({ status: 500, count: 10 });
      await auto.openai.chat.completions
        .create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] })
        .catch(() => undefined);
      const health = (await (await fetch(`${auto.url}/health`)).json()) as Record<string, unknown>;
      expect(health.status).toBe('degraded');
      expect(health.upstream).toMatchObject({
        surface: 'auto',
        circuit: { state: 'closed' },
        native: { apiBaseUrl: 'derived', circuit: { state: 'open' } },
      });
    } finally {
      stack.simulator.clearFaults();
      await auto.close();
    }
  });
});
