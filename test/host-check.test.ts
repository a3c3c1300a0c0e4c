import { afterEach, describe, expect, it } from 'vitest';
import { hostName } from '../src/server/host-check.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { sendRawRequest } from './support/send-raw-request.ts';

// A DNS-rebinding page reaches a keyless gateway on 127.0.0.1 with its own name in Host.

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const chatBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
const messagesBody = JSON.stringify({
  model: 'claude-haiku-4-5',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hi' }],
});

function chatWithHost(url: string, host: string, headers: Record<string, string> = {}) {
  return sendRawRequest(url, {
    path: '/v1/chat/completions',
    headers: { host, 'content-type': 'application/json', ...headers },
    body: chatBody,
  });
}

describe('the Host check of a gateway without API keys', () => {
  it('refuses a foreign Host with a 403 naming the header and ALLOWED_HOSTS, in either protocol', async () => {
    stack = await startGatewayStack();
    const openai = await chatWithHost(stack.url, 'evil.example');
    expect(openai.status).toBe(403);
    const error = (JSON.parse(openai.text) as { error: { message: string } }).error;
    expect(error).toMatchObject({ type: 'permission_error', code: 'host_not_allowed', param: null });
    expect(error.message).toContain('Host header "evil.example"');
    expect(error.message).toContain('ALLOWED_HOSTS');
    const anthropic = await sendRawRequest(stack.url, {
      path: '/v1/messages',
      headers: {
        host: 'evil.example:8000',
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
      },
      body: messagesBody,
    });
    expect(anthropic.status).toBe(403);
    expect(JSON.parse(anthropic.text)).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    expect(stack.simulator.counters().chatGenerations).toBe(0);
  });

  it('answers loopback names and IP addresses, with or without a port', async () => {
    stack = await startGatewayStack();
    const { port } = new URL(stack.url);
    const hosts = [
      'localhost',
      `localhost:${port}`,
      'app.localhost',
      `127.0.0.1:${port}`,
      '127.8.9.10',
      `[::1]:${port}`,
      'LOCALHOST.',
      '192.168.1.20:8000',
    ];
    for (const host of hosts) {
      expect((await chatWithHost(stack.url, host)).status, host).toBe(200);
    }
  });

  it('answers the names in ALLOWED_HOSTS, subdomains for a leading dot, and any name for *', async () => {
    stack = await startGatewayStack({ settings: { ALLOWED_HOSTS: 'gateway.internal, .corp.example' } });
    for (const host of ['gateway.internal:8000', 'corp.example', 'ai.corp.example']) {
      expect((await chatWithHost(stack.url, host)).status, host).toBe(200);
    }
    expect((await chatWithHost(stack.url, 'evilcorp.example')).status).toBe(403);
    await stack.close();
    stack = await startGatewayStack({ settings: { ALLOWED_HOSTS: '*' } });
    expect((await chatWithHost(stack.url, 'evil.example')).status).toBe(200);
  });

  it('leaves probes and the scrape open to any Host', async () => {
    stack = await startGatewayStack();
    for (const path of ['/livez', '/readyz', '/health', '/metrics']) {
      const answer = await sendRawRequest(stack.url, {
        method: 'GET',
        path,
        headers: { host: 'sfgw.monitoring.svc' },
      });
      expect(answer.status, path).toBe(200);
    }
  });

  it('checks no Host once API keys are set: a page has no key to send', async () => {
    const key = 'sk-web-5e4d3c2b1a0f9e8d';
    stack = await startGatewayStack({ settings: { API_KEYS: JSON.stringify({ web: key }) } });
    const answer = await chatWithHost(stack.url, 'gateway.example.com', { authorization: `Bearer ${key}` });
    expect(answer.status).toBe(200);
  });
});

describe('hostName', () => {
  it.each([
    ['Example.COM:8000', 'example.com'],
    ['[::1]:8000', '::1'],
    ['[::1]', '::1'],
    ['localhost.', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('reads %s as %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });
});
