import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

// The response cache over real sockets: official SDKs, the gateway and the simulator, which counts
// what reached it.

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const question = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'What is the capital of France?' }],
};
const lookupTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'lookup_order',
    description: 'Find an order by id',
    parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
  },
};

async function ask(client: OpenAI, headers: Record<string, string> = {}) {
  const { data, response } = await client.chat.completions.create(question, { headers }).withResponse();
  return { answer: data, cache: response.headers.get('x-sfgw-cache') };
}

describe('the response cache (RESPONSE_CACHE_SECONDS)', () => {
  it('answers an identical request once from Salesforce, then from the cache, whole and streamed', async () => {
    stack = await startGatewayStack({ settings: { RESPONSE_CACHE_SECONDS: '60' } });
    const first = await ask(stack.openai);
    const second = await ask(stack.openai);
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.answer.choices[0]?.message.content).toBe(first.answer.choices[0]?.message.content);
    expect(second.answer.id).not.toBe(first.answer.id);
    // a stream on the Models API is replayed from the whole answer: the same one
    const stream = stack.openai.chat.completions.stream(question);
    const streamed = await stream.finalChatCompletion();
    expect(streamed.choices[0]?.message.content).toBe(first.answer.choices[0]?.message.content);
    expect(stack.simulator.counters().chatGenerations).toBe(1);

    const health = (await (await fetch(`${stack.url}/health`)).json()) as { responseCache: unknown };
    expect(health.responseCache).toEqual({ enabled: true, store: 'memory', ttlSeconds: 60, scope: 'key' });
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    expect(metrics.value('sfgw_response_cache_total', { outcome: 'hit' })).toBe(2);
    expect(metrics.value('sfgw_response_cache_total', { outcome: 'miss' })).toBe(1);
  });

  it('keeps tool calls, which come back parsed as the first time', async () => {
    stack = await startGatewayStack({ settings: { RESPONSE_CACHE_SECONDS: '60' } });
    const request = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Where is order 42? #tool=lookup_order' }],
      tools: [lookupTool],
    };
    const first = await stack.openai.chat.completions.create(request);
    const second = await stack.openai.chat.completions.create(request);
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const functionsOf = (answer: OpenAI.ChatCompletion) =>
      answer.choices[0]?.message.tool_calls?.map((call) => (call.type === 'function' ? call.function : call));
    expect(functionsOf(second)).toEqual(functionsOf(first));
    expect(functionsOf(first)?.[0]).toMatchObject({ name: 'lookup_order' });
    expect(stack.simulator.counters().chatGenerations).toBe(1);
  });

  it('never keeps an answer the gateway rejected: a request that failed fails again upstream', async () => {
    stack = await startGatewayStack({ settings: { RESPONSE_CACHE_SECONDS: '60' } });
    const strict = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Give me a city #json-shape=invalid' }],
      response_format: {
        type: 'json_schema' as const,
        json_schema: {
          name: 'city',
          strict: true,
          schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    };
    const attempts = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      attempts.push(await stack.openai.chat.completions.create(strict).catch((error: unknown) => error));
    }
    for (const failure of attempts)
      expect(failure).toMatchObject({ status: 502, code: 'structured_output_invalid' });
    const perRequest = stack.simulator.counters().chatGenerations / 2;
    // the answer and its correction, each time
    expect(perRequest).toBe(2);
  });

  it("keeps each API key's answers to itself, and obeys Cache-Control", async () => {
    const keys = { n8n: 'sk-n8n-0123456789abcdef', webui: 'sk-webui-0123456789abcdef' };
    stack = await startGatewayStack({
      settings: { RESPONSE_CACHE_SECONDS: '60', API_KEYS: JSON.stringify(keys) },
    });
    const client = (apiKey: string) => new OpenAI({ baseURL: `${stack?.url}/v1`, apiKey, maxRetries: 0 });
    const n8n = client(keys.n8n);
    expect((await ask(n8n)).cache).toBe('miss');
    expect((await ask(client(keys.webui))).cache).toBe('miss');
    expect((await ask(n8n)).cache).toBe('hit');
    expect((await ask(n8n, { 'cache-control': 'no-cache' })).cache).toBe('bypass');
    expect((await ask(n8n, { 'cache-control': 'no-store' })).cache).toBe('bypass');
    expect(stack.simulator.counters().chatGenerations).toBe(4);
  });

  it('serves Anthropic messages and embeddings from it too', async () => {
    stack = await startGatewayStack({ settings: { RESPONSE_CACHE_SECONDS: '60' } });
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: 'test-key', maxRetries: 0 });
    const message = {
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user' as const, content: 'Hi' }],
    };
    await anthropic.messages.create(message);
    const again = await anthropic.messages.create(message).withResponse();
    expect(again.response.headers.get('x-sfgw-cache')).toBe('hit');
    expect(again.data.id).toMatch(/^msg_/);
    const embedding = { model: 'text-embedding-3-small', input: ['cache me'] };
    const vectors = await stack.openai.embeddings.create(embedding);
    const reused = await stack.openai.embeddings.create(embedding).withResponse();
    expect(reused.response.headers.get('x-sfgw-cache')).toBe('hit');
    expect(reused.data.data[0]?.embedding).toEqual(vectors.data[0]?.embedding);
    expect(stack.simulator.counters()).toMatchObject({ chatGenerations: 1, embeddings: 1 });
  });

  it("tells a reused native answer's dropped settings again", async () => {
    stack = await startGatewayStack({
      settings: { RESPONSE_CACHE_SECONDS: '60', UPSTREAM_API: 'native' },
    });
    const request = { ...question, model: 'claude-opus-4-7', temperature: 0.5 };
    for (const expected of ['miss', 'hit']) {
      const { response } = await stack.openai.chat.completions.create(request).withResponse();
      expect(response.headers.get('x-sfgw-cache')).toBe(expected);
      expect(response.headers.get('x-sfgw-ignored-params')).toContain('temperature');
    }
  });

  it('is off by default: every request reaches Salesforce and no header is sent', async () => {
    stack = await startGatewayStack();
    const first = await ask(stack.openai);
    await ask(stack.openai);
    expect(first.cache).toBeNull();
    const health = (await (await fetch(`${stack.url}/health`)).json()) as { responseCache: unknown };
    expect(health.responseCache).toEqual({ enabled: false });
    expect(stack.simulator.counters().chatGenerations).toBe(2);
  });
});
