import { describe, expect, it } from 'vitest';
import { postNative } from './native/native-client.fixtures.ts';
import { readJson } from './simulator-client.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest({
  clientId: 'org-key',
  clientSecret: 'org-secret',
});

const chatPath = '/models/sfdc_ai__DefaultGPT41Mini/chat-generations';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };

function requestToken(): Promise<Response> {
  const form = { grant_type: 'client_credentials', client_id: 'org-key', client_secret: 'org-secret' };
  return fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
}

describe('revokeCredentials', () => {
  it('refuses the configured secret with invalid_client and revokes every issued token', async () => {
    const issued = await client.fetchToken();
    simulator.revokeCredentials();
    const refused = await requestToken();
    expect(refused.status).toBe(400);
    expect(await readJson(refused)).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    expect((await client.post(chatPath, { token: issued, body: chatBody })).status).toBe(401);
    const native = await postNative(simulator, '/chat/generations', {
      token: issued,
      body: { model: 'sfdc_ai__DefaultGPT41Mini', ...chatBody },
    });
    expect(native.status).toBe(401);
    expect(simulator.counters()).toMatchObject({ tokenFailures: 1, unauthorized: 2 });
  });

  it('still checks the consumer key first', async () => {
    simulator.revokeCredentials();
    const form = { grant_type: 'client_credentials', client_id: 'other-key', client_secret: 'org-secret' };
    const response = await fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
    expect((await readJson(response)).error).toBe('invalid_client_id');
  });
});

describe('restoreCredentials', () => {
  it('accepts the secret again; tokens revoked before stay revoked', async () => {
    const issued = await client.fetchToken();
    simulator.revokeCredentials();
    simulator.restoreCredentials();
    expect((await requestToken()).status).toBe(200);
    expect((await client.post(chatPath, { token: issued, body: chatBody })).status).toBe(401);
    expect((await client.post(chatPath, { body: chatBody })).status).toBe(200);
  });

  it('is also what reset does', async () => {
    simulator.revokeCredentials();
    simulator.reset();
    expect((await requestToken()).status).toBe(200);
  });
});
