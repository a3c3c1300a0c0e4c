import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

const clientKey = 'n8n-key-3a9c7e1b5d2f8a64';

describe('the console beyond loopback without an admin key', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({
      settings: { HOST: '0.0.0.0', API_KEYS: JSON.stringify({ n8n: clientKey }) },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers /ui with a 403 page naming the fix, and the API refuses the non-admin key', async () => {
    const url = stack.url.replace('0.0.0.0', '127.0.0.1');
    const page = await fetch(`${url}/ui`);
    expect(page.status).toBe(403);
    const text = await page.text();
    expect(text).toContain('admin');
    expect(text).toContain('API_KEYS');
    const api = await fetch(`${url}/ui/api/session`, { headers: { authorization: `Bearer ${clientKey}` } });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('admin_key_required');
  });
});

describe('the console beyond loopback with no keys at all (INSECURE_NO_AUTH)', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({ settings: { HOST: '0.0.0.0', INSECURE_NO_AUTH: 'true' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses the API as it refuses the page, so the request log is not open to the network', async () => {
    const url = stack.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${url}/ui`)).status).toBe(403);
    for (const path of ['/ui/api/session', '/ui/api/requests', '/ui/api/overview', '/ui/api/models']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(403);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('console_admin_key_missing');
      expect(error.message).toContain('"admin":true');
    }
  });
});
