import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';

// A client guessing keys: past AUTH_FAILURE_LIMIT failures in a window its address gets 429,
// without its keys being looked at, and the log gets one line for it instead of one per guess.

const validKey = 'sk-n8n-7f3c9a1e5b2d4f60';
const chatBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

function chat(url: string, headers: Record<string, string>) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: chatBody,
  });
}

// A guarded route that needs nothing from the upstream, for the requests that must get in.
function listModels(url: string, headers: Record<string, string>) {
  return fetch(`${url}/v1/models`, { headers });
}

function wrongKey(index: number): Record<string, string> {
  return { authorization: `Bearer sk-wrong-${String(index).padStart(16, '0')}` };
}

async function failureCounts(url: string): Promise<Record<string, number>> {
  const exposition = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
  const count = (reason: string) => exposition.value('sfgw_authentication_failures_total', { reason });
  return { missing: count('missing'), invalid: count('invalid'), throttled: count('throttled') };
}

describe('throttling failed authentication per client address', () => {
  it('answers 429 with Retry-After past the limit, in either protocol, and logs it once', async () => {
    const log = captureLog();
    stack = await startGatewayStack({
      settings: {
        API_KEYS: JSON.stringify({ n8n: validKey }),
        AUTH_FAILURE_LIMIT: '5',
        // the test's own loopback connection stands in for a reverse proxy
        TRUST_PROXY: '127.0.0.1',
      },
      logDestination: log.destination,
    });
    const guesser = { 'x-forwarded-for': '203.0.113.7' };
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => chat(stack?.url ?? '', { ...guesser, ...wrongKey(index) })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    const throttled = answers.find((answer) => answer.status === 429) as Response;
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await throttled.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'too_many_authentication_failures', param: null },
    });

    const anthropic = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { ...guesser, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(anthropic.status).toBe(429);
    expect(anthropic.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });

    // the key is not even looked at while the address is throttled; another address is untouched
    const withValidKey = { authorization: `Bearer ${validKey}` };
    expect((await listModels(stack.url, { ...guesser, ...withValidKey })).status).toBe(429);
    const neighbour = { 'x-forwarded-for': '203.0.113.8' };
    expect((await listModels(stack.url, { ...neighbour, ...withValidKey })).status).toBe(200);

    const lines = log.lines();
    const refusals = lines.filter((line) => line.msg?.startsWith('too many failed authentications'));
    expect(refusals).toEqual([expect.objectContaining({ level: 40, clientAddress: '203.0.113.7' })]);
    expect(lines.filter((line) => line.code === 'invalid_api_key')).toHaveLength(5);
    expect(lines.filter((line) => line.code === 'too_many_authentication_failures')).toEqual([]);
    expect(await failureCounts(stack.url)).toEqual({ missing: 0, invalid: 5, throttled: 27 });
  });

  it('ignores X-Forwarded-For from peers it does not trust, and lets the address in once the window ends', async () => {
    stack = await startGatewayStack({
      settings: {
        API_KEYS: JSON.stringify({ n8n: validKey }),
        AUTH_FAILURE_LIMIT: '3',
        AUTH_FAILURE_WINDOW_SECONDS: '1',
      },
    });
    for (let index = 0; index < 3; index++) {
      const answer = await chat(stack.url, { 'x-forwarded-for': `198.51.100.${index}`, ...wrongKey(index) });
      expect(answer.status).toBe(401);
    }
    // a forged header does not make a new client of the same peer
    const forged = await listModels(stack.url, {
      'x-forwarded-for': '198.51.100.99',
      authorization: `Bearer ${validKey}`,
    });
    expect(forged.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await listModels(stack.url, { authorization: `Bearer ${validKey}` })).status).toBe(200);
  });
});
