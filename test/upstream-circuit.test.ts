import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';
import { postChat } from './support/post-chat.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function health(url: string) {
  return (await (await fetch(`${url}/health`)).json()) as {
    status: string;
    upstream: { circuit: { state: string; consecutiveFailures: number } };
  };
}

// An Anthropic messages call for `model`, which postChat fixes to a Claude model.
function postAnthropicMessage(url: string, model: string): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

async function circuitGauge(url: string) {
  const metrics = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
  return metrics.value('sfgw_upstream_circuit_state', {});
}

describe('the circuit breaker on Models API calls', () => {
  it('opens after consecutive failures, fails fast in each protocol, then closes after a good probe', async () => {
    stack = await startGatewayStack({
      settings: {
        UPSTREAM_MAX_RETRIES: '0',
        UPSTREAM_BREAKER_FAILURES: '3',
        UPSTREAM_BREAKER_COOLDOWN_SECONDS: '1',
      },
    });
    const { url, simulator } = stack;
    simulator.injectFault({ status: 500, count: 3, endpoint: 'chat-generations' });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await postChat(url, 'openai')).status).toBe(502);
    expect((await health(url)).upstream.circuit).toMatchObject({ state: 'open', consecutiveFailures: 3 });
    expect((await health(url)).status).toBe('degraded');
    expect(await circuitGauge(url)).toBe(2);

    const callsBefore = simulator.counters().chatGenerations;
    const fastOpenAI = await postChat(url, 'openai');
    expect(fastOpenAI.status).toBe(503);
    expect(Number(fastOpenAI.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await fastOpenAI.json()).toMatchObject({ error: { code: 'upstream_circuit_open' } });
    const fastAnthropic = await postAnthropicMessage(url, 'gpt-4o-mini');
    expect(fastAnthropic.status).toBe(529);
    expect(await fastAnthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(simulator.counters().chatGenerations).toBe(callsBefore);
    // The breaker is the failing model's alone: another model of the same org is still called.
    expect((await postChat(url, 'anthropic')).status).toBe(200);
    expect(simulator.counters().chatGenerations).toBe(callsBefore + 1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await postChat(url, 'openai')).status).toBe(200);
    expect((await health(url)).upstream.circuit).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(await circuitGauge(url)).toBe(0);
    const metrics = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
    expect(metrics.value('sfgw_upstream_circuit_rejections_total', {})).toBe(2);
  });

  it('re-opens when the half-open probe fails', async () => {
    stack = await startGatewayStack({
      settings: {
        UPSTREAM_MAX_RETRIES: '0',
        UPSTREAM_BREAKER_FAILURES: '2',
        UPSTREAM_BREAKER_COOLDOWN_SECONDS: '1',
      },
    });
    const { url, simulator } = stack;
    simulator.injectFault({ status: 503, count: 3, endpoint: 'chat-generations' });
    await postChat(url, 'openai');
    await postChat(url, 'openai');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await postChat(url, 'openai')).status).toBe(503);
    expect((await health(url)).upstream.circuit.state).toBe('open');
    expect((await postChat(url, 'openai')).status).toBe(503);
    expect(simulator.counters().chatGenerations).toBe(3);
  });

  it('does not count answers that blame the request or the rate limit', async () => {
    stack = await startGatewayStack({
      settings: { UPSTREAM_MAX_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '2' },
    });
    const { url, simulator } = stack;
    simulator.injectFault({ status: 429, count: 2, endpoint: 'chat-generations' });
    simulator.injectFault({ status: 400, count: 2, endpoint: 'chat-generations' });
    for (let attempt = 0; attempt < 4; attempt += 1) await postChat(url, 'openai');
    expect((await health(url)).upstream.circuit.state).toBe('closed');
    expect((await postChat(url, 'openai')).status).toBe(200);
  });
});
