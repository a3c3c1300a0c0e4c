import { afterEach, describe, expect, it } from 'vitest';
import type { PerformanceReport } from '../src/server/performance-route.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { openStream } from './support/open-stream.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const route = '/v1/chat/completions';

async function scrape(current: GatewayStack) {
  const response = await fetch(`${current.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

async function ask(current: GatewayStack, model = 'gpt-4o-mini') {
  await current.openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hello' }] });
}

async function askStreaming(current: GatewayStack) {
  const stream = await current.openai.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    messages: [{ role: 'user', content: 'hello' }],
  });
  for await (const _chunk of stream);
}

const streamBody = { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] };

describe('GET /metrics', () => {
  it('counts client requests, upstream calls and token use exactly', async () => {
    stack = await startGatewayStack();
    await ask(stack);
    await ask(stack);
    await ask(stack);
    await askStreaming(stack);
    // served through the Claude family resolver, but not a listed name: labelled "other"
    await ask(stack, 'claude-sonnet-4-5-20250929');

    const metrics = await scrape(stack);
    const listed = { route, method: 'POST', status: '200', model: 'gpt-4o-mini' };
    expect(metrics.value('sfgw_http_requests_total', listed)).toBe(4);
    expect(metrics.value('sfgw_http_requests_total', { route, model: 'other' })).toBe(1);
    expect(metrics.value('sfgw_http_requests_total', { model: 'claude-sonnet-4-5-20250929' })).toBe(0);
    expect(metrics.value('sfgw_http_request_duration_seconds_count', { route, model: 'gpt-4o-mini' })).toBe(
      4,
    );
    expect(metrics.value('sfgw_gateway_overhead_seconds_count', { route })).toBe(5);
    expect(metrics.value('sfgw_stream_time_to_first_token_seconds_count', { route })).toBe(1);
    expect(metrics.value('sfgw_streams_in_flight')).toBe(0);

    const counters = stack.simulator.counters();
    expect(counters.chatGenerations).toBe(5);
    expect(
      metrics.value('sfgw_upstream_requests_total', { endpoint: 'chat-generations', status: '200' }),
    ).toBe(counters.chatGenerations);
    expect(
      metrics.value('sfgw_upstream_request_duration_seconds_count', { endpoint: 'chat-generations' }),
    ).toBe(5);
    expect(metrics.value('sfgw_upstream_requests_total', { endpoint: 'token', status: '200' })).toBe(
      counters.tokenRequests,
    );
    expect(metrics.value('sfgw_token_fetches_total', { outcome: 'success' })).toBe(1);
    // five calls: the first waited for the fetch, the other four were served from the cache
    expect(metrics.value('sfgw_token_cache_hits_total')).toBe(4);
    expect(
      metrics.value('sfgw_upstream_pool_connections', { origin: stack.simulator.url, state: 'connected' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metrics.value('sfgw_upstream_pool_requests', { origin: stack.simulator.url, state: 'running' }),
    ).toBe(0);
  });

  it('moves by exactly the requests made between two scrapes', async () => {
    stack = await startGatewayStack();
    await ask(stack);
    const before = await scrape(stack);
    await ask(stack);
    await ask(stack);
    await fetch(`${stack.url}/no/such/endpoint?key=value`);
    const after = await scrape(stack);

    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('sfgw_http_requests_total', { route })).toBe(2);
    expect(delta('sfgw_upstream_requests_total', { endpoint: 'chat-generations' })).toBe(2);
    expect(delta('sfgw_upstream_requests_total', { endpoint: 'token' })).toBe(0);
    expect(delta('sfgw_token_cache_hits_total', {})).toBe(2);
    // the first scrape itself, counted once it had been sent
    expect(delta('sfgw_http_requests_total', { route: '/metrics', status: '200' })).toBe(1);
    expect(delta('sfgw_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
  });

  it('declares every family with its type, the process metrics included', async () => {
    stack = await startGatewayStack();
    const { types } = await scrape(stack);
    expect(Object.fromEntries(types)).toMatchObject({
      sfgw_http_requests_total: 'counter',
      sfgw_http_request_duration_seconds: 'histogram',
      sfgw_stream_time_to_first_token_seconds: 'histogram',
      sfgw_streams_in_flight: 'gauge',
      sfgw_gateway_overhead_seconds: 'histogram',
      sfgw_upstream_requests_total: 'counter',
      sfgw_upstream_request_duration_seconds: 'histogram',
      sfgw_token_fetches_total: 'counter',
      sfgw_token_cache_hits_total: 'counter',
      sfgw_tool_parse_outcomes_total: 'counter',
      sfgw_upstream_pool_connections: 'gauge',
      sfgw_process_cpu_user_seconds_total: 'counter',
      sfgw_nodejs_heap_size_used_bytes: 'gauge',
    });
  });

  it('shows a stream in flight while it runs, and none once it ends or its client leaves', async () => {
    stack = await startGatewayStack();
    await ask(stack);
    // the answer takes 800 ms; the stream commits with a keep-alive after 200 ms
    stack.simulator.setSlowMode(800);

    const finishing = await fetch(`${stack.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(streamBody),
    });
    expect(finishing.status).toBe(200);
    expect((await scrape(stack)).value('sfgw_streams_in_flight')).toBe(1);
    expect(await finishing.text()).toContain('data: [DONE]');
    expect((await scrape(stack)).value('sfgw_streams_in_flight')).toBe(0);

    const abandoned = await openStream(`${stack.url}${route}`, streamBody);
    expect(abandoned.response.statusCode).toBe(200);
    expect((await scrape(stack)).value('sfgw_streams_in_flight')).toBe(1);
    abandoned.leave();
    await expect
      .poll(async () => (await scrape(stack as GatewayStack)).value('sfgw_streams_in_flight'))
      .toBe(0);
    const metrics = await scrape(stack);
    expect(metrics.value('sfgw_http_requests_total', { route, status: '200' })).toBe(3);
    expect(metrics.value('sfgw_stream_time_to_first_token_seconds_count', { route })).toBe(1);
  });
});

describe('GET /v1/performance/metrics', () => {
  it('reports counts that move, recent percentiles, token cache hit rate, pools, memory and uptime', async () => {
    stack = await startGatewayStack();
    const view = async () =>
      (await (await fetch(`${stack?.url}/v1/performance/metrics`)).json()) as PerformanceReport;
    const empty = await view();
    expect(empty.requests.total).toBe(0);
    expect(empty.latencyMs).toEqual({ samples: 0, p50: null, p90: null, p95: null, p99: null });
    expect(empty.tokenCache.hitRate).toBeNull();

    await ask(stack);
    await askStreaming(stack);
    await stack.openai.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch(() => undefined);

    const report = await view();
    expect(report.requests).toEqual({
      total: 3,
      streamed: 1,
      clientErrors: 1,
      serverErrors: 0,
      streamsInFlight: 0,
    });
    for (const { samples, p50, p90, p95, p99 } of [report.latencyMs, report.overheadMs]) {
      expect(samples).toBe(3);
      expect([p50, p90, p95, p99]).not.toContain(null);
      const percentiles = [p50, p90, p95, p99].map(Number);
      expect(percentiles.every((value) => value >= 0)).toBe(true);
      expect(percentiles).toEqual([...percentiles].sort((left, right) => left - right));
    }
    expect(Number(report.overheadMs.p99)).toBeLessThanOrEqual(Number(report.latencyMs.p99));
    expect(report.tokenCache).toEqual({ hits: 1, misses: 1, fetches: 1, hitRate: 0.5 });
    expect(report.upstream.pools).toEqual([expect.objectContaining({ origin: stack.simulator.url })]);
    expect(report.memoryBytes.rss).toBeGreaterThan(report.memoryBytes.heapUsed);
    expect(report.memoryBytes.heapUsed).toBeGreaterThan(0);
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
