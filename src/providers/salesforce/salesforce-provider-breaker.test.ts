import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { textRequest } from '../../core/provider.fixtures.ts';
import type { CallContext } from '../../core/provider.ts';
import { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import { HttpClient } from '../../transport/http-client.ts';
import { SalesforceProvider } from './salesforce-provider.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude45Haiku';
const gpt = 'sfdc_ai__DefaultGPT41';
const now = 1_760_000_000_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const chatAnswer = {
  id: 'chatcmpl-1',
  generationDetails: {
    generations: [{ id: 'g1', role: 'assistant', content: 'hello', timestamp: now }],
    parameters: { model: 'gpt-4.1' },
  },
};

// A fake Models API on which every Claude and feedback call fails with a 500 and every other model answers.
async function startHarness() {
  const paths: string[] = [];
  const server: Server = createServer(async (request, response) => {
    for await (const _ of request);
    const path = request.url ?? '';
    paths.push(path);
    const failing = path.includes(claude) || path.endsWith('/feedback');
    response.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(failing ? { message: 'Internal Server Error' } : chatAnswer));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = {
    accessToken: 'token',
    obtainedAt: 1,
    expiresAt: 2,
    apiBaseUrl: `${origin}/einstein/platform/v1`,
    instanceUrl: origin,
  };
  const onOpen = vi.fn();
  const breaker = new CircuitBreakerSet({ failureThreshold: 5, cooldownMs: 30_000, now: () => now, onOpen });
  const provider = new SalesforceProvider({
    http: new HttpClient({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, connectTimeoutMs: 1000 }),
    tokens: { get: async () => token, invalidate: () => {} } as never,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    timeouts: { baseMs: 2000, perThousandCharactersMs: 0, maxMs: 2000 },
    breaker,
    now: () => now,
  });
  closers.push(async () => {
    await provider.close();
    server.closeAllConnections();
    server.close();
  });
  const context: CallContext = {
    requestId: 'req-1',
    signal: new AbortController().signal,
    logger: pino({ level: 'silent' }),
    promptCharacters: 2,
  };
  const chat = (model: string) => provider.chat(textRequest('hi', { model }), context);
  const feedback = () => provider.submitFeedback({ id: 'f1', generationId: 'g1' }, context);
  return { chat, feedback, paths, breaker, onOpen };
}

describe('SalesforceProvider breakers per model', () => {
  it('opens the breaker of a model failing five times while another model still reaches Salesforce', async () => {
    const { chat, paths, breaker, onOpen } = await startHarness();
    for (let call = 0; call < 5; call++) await expect(chat(claude)).rejects.toMatchObject({ status: 502 });
    await expect(chat(claude)).rejects.toMatchObject({
      status: 503,
      code: 'upstream_circuit_open',
      retryAfterSeconds: 30,
      message: `Salesforce failed several calls in a row for model ${claude}, so the gateway is not calling it for the next 30 s; retry then.`,
    });
    await expect(chat(gpt)).resolves.toMatchObject({ content: [{ type: 'text', text: 'hello' }] });
    expect(paths).toEqual([
      ...Array.from({ length: 5 }, () => `/einstein/platform/v1/models/${claude}/chat-generations`),
      `/einstein/platform/v1/models/${gpt}/chat-generations`,
    ]);
    expect(onOpen.mock.calls).toEqual([[claude, now + 30_000]]);
    expect(breaker.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 5,
      openedAt: now,
      openModels: [claude],
    });
  });

  it('gives feedback calls a breaker of their own, named in the refusal', async () => {
    const { chat, feedback, breaker } = await startHarness();
    for (let call = 0; call < 5; call++) await expect(feedback()).rejects.toMatchObject({ status: 502 });
    await expect(feedback()).rejects.toMatchObject({
      code: 'upstream_circuit_open',
      message:
        'Salesforce failed several calls in a row for feedback, so the gateway is not calling it for the next 30 s; retry then.',
    });
    await expect(chat(gpt)).resolves.toMatchObject({ content: [{ type: 'text', text: 'hello' }] });
    expect(breaker.snapshot().openModels).toEqual(['feedback']);
  });
});
