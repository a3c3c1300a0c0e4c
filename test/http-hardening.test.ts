import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { sendRawBytes } from './support/send-raw-bytes.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const chatBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

function post(url: string, path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function expectHardened(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('HTTP hardening', () => {
  it('sends nosniff and friends, and JSON with a charset, on answers, errors and streams', async () => {
    stack = await startGatewayStack();
    const answer = await post(stack.url, '/v1/chat/completions', chatBody);
    expectHardened(answer);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${stack.url}/v1/nothing-here`);
    expectHardened(missing);
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const stream = await post(stack.url, '/v1/chat/completions', chatBody.replace('{', '{"stream":true,'));
    expectHardened(stream);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.text();
  });

  it('has CORS off by default: a browser preflight gets no allow-origin', async () => {
    stack = await startGatewayStack();
    const preflight = await fetch(`${stack.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await post(stack.url, '/v1/chat/completions', chatBody, {
      origin: 'https://evil.example',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins, with the SDKs’ headers, before authentication', async () => {
    stack = await startGatewayStack({
      settings: {
        CORS_ORIGINS: 'https://chat.example.com',
        API_KEYS: JSON.stringify({ web: 'sk-web-5e4d3c2b1a0f9e8d' }),
      },
    });
    const preflight = await fetch(`${stack.url}/v1/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://chat.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key,anthropic-version,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    const allowed = preflight.headers.get('access-control-allow-headers')?.split(/\s*,\s*/) ?? [];
    // what the SDKs' stream and polling helpers add to their usual headers
    for (const header of [
      'x-api-key',
      'x-stainless-helper-method',
      'x-stainless-poll-helper',
      'x-stainless-timeout',
    ]) {
      expect(allowed).toContain(header);
    }
    const answer = await post(stack.url, '/v1/chat/completions', chatBody, {
      origin: 'https://chat.example.com',
      authorization: 'Bearer sk-web-5e4d3c2b1a0f9e8d',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    const exposed = answer.headers.get('access-control-expose-headers')?.split(/\s*,\s*/) ?? [];
    // what the SDKs read to decide on a retry
    for (const header of ['x-request-id', 'retry-after', 'retry-after-ms', 'x-should-retry']) {
      expect(exposed).toContain(header);
    }
    const stranger = await fetch(`${stack.url}/v1/models`, { headers: { origin: 'https://other.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 in the caller’s protocol', async () => {
    stack = await startGatewayStack({ settings: { BODY_LIMIT_BYTES: '2048' } });
    const big = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x'.repeat(4096) }],
    });
    const openai = await post(stack.url, '/v1/chat/completions', big);
    expect(openai.status).toBe(413);
    expect(await openai.json()).toMatchObject({ error: { code: 'request_too_large' } });
    const anthropic = await post(stack.url, '/v1/messages', big, { 'anthropic-version': '2023-06-01' });
    expect(anthropic.status).toBe(413);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('drops a client that dribbles its headers past HEADERS_TIMEOUT_MS', async () => {
    stack = await startGatewayStack({ settings: { HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' } });
    const answer = await sendRawBytes(stack.url, 'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(3000);
    expect((await fetch(`${stack.url}/livez`)).status).toBe(200);
  });
});
