import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';

// Real-looking credentials: an External Client App consumer key and a 64-character secret.
const consumerKey = '3MVG9rZjd7MXFdLhSe2HV6iHkLfDoBZSyHr4j3LcUh3P4ySkq9xEwIqDtV0ZgvA5e7lS0WQtsm5UZ2nK7pQ1b';
const consumerSecret = 'F7A2C9E4B1D8036A5E9C2F7B4D1A8E3C6F9B2D5A8E1C4F7A0D3B6E9C2F5A8D1B';

let stack: GatewayStack;
const log = captureLog();

beforeAll(async () => {
  stack = await startGatewayStack({
    simulator: { clientId: consumerKey, clientSecret: consumerSecret },
    logDestination: log.destination,
    logLevel: 'trace',
    settings: { UPSTREAM_MAX_RETRIES: '1', TOKEN_FAILURE_THRESHOLD: '5' },
  });
});
afterAll(async () => {
  await stack?.close();
});

async function chat(stream = false) {
  const response = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${consumerSecret}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'hello' }] }),
  });
  await response.text();
  return response.status;
}

describe('secrets in logs', () => {
  it('never appear, at trace level, across token fetches, refreshes, retries and failures', async () => {
    expect(await chat()).toBe(200);
    expect(await chat(true)).toBe(200);
    stack.simulator.revokeAllTokens();
    expect(await chat()).toBe(200);
    stack.simulator.injectFault({ status: 429, endpoint: 'chat-generations' });
    expect(await chat()).toBe(200);
    stack.simulator.injectFault({ status: 500, body: 'non-json', count: 2, endpoint: 'chat-generations' });
    expect(await chat()).toBe(502);
    stack.simulator.revokeAllTokens();
    stack.simulator.injectTokenFault({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    expect(await chat()).toBe(502);

    const accessTokens = new Set(
      stack.simulator
        .requests('chat-generations')
        .map((request) => String(request.headers.authorization).replace('Bearer ', '')),
    );
    expect(accessTokens.size).toBeGreaterThanOrEqual(2);
    const everything = log.raw();
    // the run went through the paths that handle credentials and tokens
    for (const message of [
      'obtained a Salesforce access token',
      'retrying Salesforce call',
      'Salesforce token request failed',
    ]) {
      expect(everything).toContain(message);
    }
    expect(everything).not.toContain(consumerSecret);
    expect(everything).not.toContain(consumerKey);
    for (const token of accessTokens) {
      expect(everything).not.toContain(token);
      // nor any of its three parts, such as the signature
      for (const part of token.split('.')) expect(everything).not.toContain(part);
    }
  });
});
