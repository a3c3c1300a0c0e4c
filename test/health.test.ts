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
