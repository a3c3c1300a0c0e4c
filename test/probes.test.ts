import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('liveness and readiness probes', () => {
  it('/livez answers ok and /readyz proves a token can be had, without asking for one per probe', async () => {
    stack = await startGatewayStack();
    expect(await getJson(`${stack.url}/livez`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(stack.simulator.counters().tokenRequests).toBe(0);

    expect(await getJson(`${stack.url}/readyz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${stack.url}/readyz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(stack.simulator.counters().tokenRequests).toBe(1);
  });

  it('/readyz answers 503 with the reason when Salesforce refuses the credentials, and never the secret', async () => {
    const secret = 'wrong-consumer-secret-123';
    stack = await startGatewayStack({ settings: { SALESFORCE_CONSUMER_SECRET: secret } });
    const response = await fetch(`${stack.url}/readyz`);
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining("Salesforce refused the gateway's credentials"),
    });
    expect(text).not.toContain(secret);
    expect(await getJson(`${stack.url}/livez`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/readyz answers 503 while the gateway drains, while /livez still answers ok', async () => {
    stack = await startGatewayStack();
    const { app, shutdown } = stack.server.gateway;
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const drained = shutdown.drain(1000);
    const readiness = await app.inject({ url: '/readyz' });
    expect(readiness.statusCode).toBe(503);
    expect(readiness.json()).toEqual({ status: 'unavailable', reason: 'The gateway is shutting down.' });
    expect((await app.inject({ url: '/livez' })).statusCode).toBe(200);
    await drained;
  });
});
