import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack?.close();
});

const slowUpstreamMs = 300;

async function timedChat(body: Record<string, unknown>) {
  const started = performance.now();
  const response = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  await response.text();
  return { response, totalMs: performance.now() - started };
}

describe('x-sfgw-overhead-ms', () => {
  it("leaves Salesforce's time out: a 300 ms upstream answer costs far less than 300 ms of overhead", async () => {
    stack.simulator.setSlowMode(slowUpstreamMs);
    const whole = await timedChat({});
    // the stream commits on its first keep-alive (200 ms) while the upstream call is still open
    const streamed = await timedChat({ stream: true });
    stack.simulator.setSlowMode(0);

    for (const { response, totalMs } of [whole, streamed]) {
      expect(response.status).toBe(200);
      const header = response.headers.get('x-sfgw-overhead-ms') ?? '';
      expect(header).toMatch(/^\d+\.\d$/);
      expect(Number(header)).toBeGreaterThanOrEqual(0);
      expect(Number(header)).toBeLessThan(slowUpstreamMs);
      expect(totalMs).toBeGreaterThanOrEqual(slowUpstreamMs);
    }
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    const route = '/v1/chat/completions';
    const observed = metrics.value('sfgw_gateway_overhead_seconds_count', { route });
    expect(observed).toBe(2);
    // the full-request overhead of both, streamed one included, is under the upstream's 300 ms
    expect(metrics.value('sfgw_gateway_overhead_seconds_bucket', { route, le: '0.25' })).toBe(observed);
  });

  it('is on answers that never reach Salesforce too', async () => {
    const response = await fetch(`${stack.url}/v1/models`);
    expect(response.headers.get('x-sfgw-overhead-ms')).toMatch(/^\d+\.\d$/);
    const notFound = await fetch(`${stack.url}/nowhere`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-sfgw-overhead-ms')).toMatch(/^\d+\.\d$/);
  });
});
