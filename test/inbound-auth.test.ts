import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

const n8nKey = 'sk-n8n-7f3c9a1e5b2d4f60';
const claudeKey = 'sk-claude-2b8e6d4c1a9f3e70';
const wrongKey = 'sk-wrong-0000000000000000';

let stack: GatewayStack;
const log = captureLog();
beforeAll(async () => {
  stack = await startGatewayStack({
    settings: { API_KEYS: JSON.stringify({ n8n: n8nKey, 'claude-code': claudeKey }) },
    logDestination: log.destination,
  });
});
afterAll(async () => {
  await stack?.close();
});

function openai(apiKey: string) {
  return new OpenAI({ baseURL: `${stack.url}/v1`, apiKey, maxRetries: 0 });
}

function anthropic(options: { apiKey?: string; authToken?: string }) {
  return new Anthropic({ baseURL: stack.url, maxRetries: 0, apiKey: null, authToken: null, ...options });
}

const chatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const messageRequest = {
  model: 'claude-haiku-4-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('inbound API keys', () => {
  it('lets the OpenAI SDK in with its Bearer key and the Anthropic SDK with x-api-key or a Bearer token', async () => {
    const chat = await openai(n8nKey).chat.completions.create(chatRequest);
    expect(chat.choices[0]?.message.content).toBeTruthy();
    const message = await anthropic({ apiKey: claudeKey }).messages.create(messageRequest);
    expect(message.type).toBe('message');
    const viaToken = await anthropic({ authToken: claudeKey }).messages.create(messageRequest);
    expect(viaToken.type).toBe('message');
  });

  it('answers a wrong OpenAI key with an OpenAI 401 that does not echo the key', async () => {
    const error = await openai(wrongKey)
      .chat.completions.create(chatRequest)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    expect(JSON.stringify(error.error)).not.toContain(wrongKey);
  });

  it('answers a missing or wrong Anthropic key with an Anthropic 401', async () => {
    const response = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(messageRequest),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(body.error.message).toContain('x-api-key');
    const wrong = await anthropic({ apiKey: wrongKey })
      .messages.create(messageRequest)
      .catch((caught) => caught);
    expect(wrong).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('guards every API route, including the model list, and leaves probes and the scrape open', async () => {
    expect((await fetch(`${stack.url}/v1/models`)).status).toBe(401);
    expect((await fetch(`${stack.url}/v1/performance/metrics`)).status).toBe(401);
    expect((await fetch(`${stack.url}/v1/no-such-endpoint`)).status).toBe(401);
    for (const path of ['/livez', '/readyz', '/health', '/metrics']) {
      expect((await fetch(`${stack.url}${path}`)).status, path).toBe(200);
    }
  });

  it('logs and counts by client name, never by key', async () => {
    await openai(n8nKey).models.list();
    await openai(wrongKey)
      .models.list()
      .catch(() => undefined);
    const raw = log.raw();
    for (const key of [n8nKey, claudeKey, wrongKey]) expect(raw).not.toContain(key);
    const modelLines = log
      .lines()
      .filter((line) => line.msg === 'request completed' && line.path === '/v1/models');
    expect(modelLines.some((line) => line.key === 'n8n' && line.status === 200)).toBe(true);
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    expect(metrics.value('sfgw_http_requests_total', { route: '/v1/models', key: 'n8n' })).toBe(1);
    expect(metrics.value('sfgw_authentication_failures_total', { reason: 'invalid' })).toBeGreaterThan(0);
    const listening = log.lines().find((line) => line.msg === 'sf-models-gateway listening');
    expect(listening?.apiKeys).toEqual(['n8n', 'claude-code']);
  });
});
