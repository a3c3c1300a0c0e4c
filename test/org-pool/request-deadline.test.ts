import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';

// Every call fails: retries on each org, the switch to the other org, then a fallback model that
// hangs. REQUEST_DEADLINE_MS bounds the whole chain.
const deadlineMs = 1500;
let stack: OrgPoolStack;

beforeAll(async () => {
  stack = await startOrgPoolStack({
    settings: {
      REQUEST_DEADLINE_MS: String(deadlineMs),
      MODEL_FALLBACKS: JSON.stringify({ 'gpt-4o-mini': ['gpt-4.1'] }),
      STREAM_KEEPALIVE_MS: '10000',
      UPSTREAM_BREAKER_FAILURES: '1000',
    },
  });
}, 30_000);
afterAll(() => stack?.close());

function failSlowly() {
  for (const simulator of Object.values(stack.simulators)) {
    simulator.clearFaults();
    simulator.clearRequests();
    // the model asked for fails fast on both orgs (after its retries), its fallback hangs
    simulator.injectFault({
      status: 500,
      delayMs: 100,
      count: 10_000,
      model: 'sfdc_ai__DefaultGPT4OmniMini',
    });
    simulator.injectFault({ status: 500, delayMs: 10_000, count: 10_000, model: 'sfdc_ai__DefaultGPT41' });
  }
}

function chatCalls(): number {
  return Object.values(stack.simulators).reduce(
    (sum, simulator) => sum + simulator.counters().chatGenerations,
    0,
  );
}

async function post(path: string, body: unknown) {
  const started = Date.now();
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  return {
    response,
    json: (await response.json()) as Record<string, unknown>,
    elapsedMs: Date.now() - started,
  };
}

describe('REQUEST_DEADLINE_MS across retries, org switches and fallbacks', () => {
  it('OpenAI: a 504 request_deadline_exceeded once the deadline passes, and no upstream call after it', async () => {
    failSlowly();
    const { response, json, elapsedMs } = await post('/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(response.status).toBe(504);
    expect(json).toMatchObject({ error: { code: 'request_deadline_exceeded', type: 'server_error' } });
    expect(String((json.error as { message: string }).message)).toContain('REQUEST_DEADLINE_MS');
    expect(elapsedMs).toBeGreaterThanOrEqual(deadlineMs - 50);
    expect(elapsedMs).toBeLessThan(deadlineMs + 1500);
    // the budget covered retries on both orgs and reached the fallback model before it ran out
    const callsAtTheEnd = chatCalls();
    const models = Object.values(stack.simulators).flatMap((simulator) =>
      simulator.requests('chat-generations').map((request) => request.model),
    );
    expect(new Set(models)).toEqual(new Set(['sfdc_ai__DefaultGPT4OmniMini', 'sfdc_ai__DefaultGPT41']));
    for (const simulator of Object.values(stack.simulators)) {
      expect(simulator.requests('chat-generations').length).toBeGreaterThanOrEqual(2);
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(chatCalls()).toBe(callsAtTheEnd);
  });

  it('Anthropic: the same deadline, in its own error shape', async () => {
    failSlowly();
    const { response, json, elapsedMs } = await post('/v1/messages', {
      model: 'gpt-4o-mini',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(response.status).toBe(504);
    expect(json).toMatchObject({
      type: 'error',
      error: { message: expect.stringContaining('REQUEST_DEADLINE_MS') },
    });
    expect(elapsedMs).toBeGreaterThanOrEqual(deadlineMs - 50);
    expect(elapsedMs).toBeLessThan(deadlineMs + 1500);
  });

  it('a stream that has not started yet gets the 504 too', async () => {
    failSlowly();
    const { response, json } = await post('/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
    });
    expect(response.status).toBe(504);
    expect(json).toMatchObject({ error: { code: 'request_deadline_exceeded' } });
  });

  it('a request that answers within the deadline is untouched', async () => {
    for (const simulator of Object.values(stack.simulators)) simulator.clearFaults();
    const { response } = await post('/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(response.status).toBe(200);
  });
});
