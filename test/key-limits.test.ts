import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

const keys = {
  metered: { key: 'sk-metered-1a2b3c4d5e6f7a8b', requestsPerMinute: 3, maxConcurrent: 0 },
  serial: { key: 'sk-serial-9f8e7d6c5b4a3f2e', requestsPerMinute: 0, maxConcurrent: 1 },
  roomy: 'sk-roomy-0a1b2c3d4e5f6a7b',
};

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { API_KEYS: JSON.stringify(keys) } });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

function openaiChat(key: string) {
  return fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
}

function anthropicMessage(key: string) {
  return fetch(`${stack.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

describe('per-key limits', () => {
  it('answers the request over a key’s per-minute budget with 429 and Retry-After in each protocol', async () => {
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await openaiChat(keys.metered.key)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const overOpenAI = await openaiChat(keys.metered.key);
    expect(overOpenAI.status).toBe(429);
    const retryAfter = Number(overOpenAI.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(overOpenAI.headers.get('x-ratelimit-limit')).toBe('3');
    expect(await overOpenAI.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
    const overAnthropic = await anthropicMessage(keys.metered.key);
    expect(overAnthropic.status).toBe(429);
    expect(overAnthropic.headers.get('retry-after')).not.toBeNull();
    const body = (await overAnthropic.json()) as { error: { message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(body.error.message).toContain('"metered"');
    expect(body.error.message).not.toContain(keys.metered.key);
    expect((await openaiChat(keys.roomy)).status).toBe(200);
  });

  it('refuses a request beyond a key’s concurrency and admits the next once one ends', async () => {
    stack.simulator.setSlowMode(400);
    const [first, second] = await Promise.all([
      openaiChat(keys.serial.key),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => anthropicMessage(keys.serial.key)),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await second.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    stack.simulator.setSlowMode(0);
    expect((await openaiChat(keys.serial.key)).status).toBe(200);
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    expect(metrics.value('sfgw_key_limit_rejections_total', { key: 'serial', limit: 'concurrency' })).toBe(1);
  });
});
