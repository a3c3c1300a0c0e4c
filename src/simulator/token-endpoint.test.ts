import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSimulator } from './simulator.ts';
import { readJson } from './simulator-client.ts';
import { defaultClientId, defaultClientSecret } from './simulator-settings.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const clock = { now: Date.UTC(2026, 4, 4, 8, 30, 0, 123) };

const { simulator } = await startSimulatorUnderTest({ clock: () => clock.now });

function requestToken(fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
  return fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams(fields), ...init });
}

const validGrant = {
  grant_type: 'client_credentials',
  client_id: defaultClientId,
  client_secret: defaultClientSecret,
};

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

describe('token endpoint: success', () => {
  it('answers the Salesforce client-credentials shape, with no expires_in or refresh_token', async () => {
    const response = await requestToken(validGrant);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await readJson(response);
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'api_instance_url',
        'id',
        'instance_url',
        'issued_at',
        'scope',
        'signature',
        'token_format',
        'token_type',
      ].sort(),
    );
    expect(body).toMatchObject({
      token_format: 'jwt',
      scope: 'sfap_api api',
      token_type: 'Bearer',
      instance_url: simulator.url,
      api_instance_url: simulator.url,
      issued_at: String(clock.now),
      id: expect.stringMatching(/^https:\/\/login\.salesforce\.com\/id\/00D\w{15}\/005\w{15}$/),
    });
    const expectedSignature = createHmac('sha256', defaultClientSecret)
      .update(body.id + body.issued_at)
      .digest('base64');
    expect(body.signature).toBe(expectedSignature);
  });

  it('mints a JWT whose exp is now plus the configured lifetime', async () => {
    simulator.setTokenTtlSeconds(90);
    const body = await readJson(await requestToken(validGrant));
    expect(body.access_token.startsWith('eyJ0bmsi')).toBe(true);
    const claims = decodeClaims(body.access_token);
    expect(claims.exp).toBe(Math.floor(clock.now / 1000) + 90);
    expect(claims.sfap_op).toBe('EinsteinGenerativeService');
  });

  it('defaults to a 30-minute lifetime and unique tokens', async () => {
    const first = await readJson(await requestToken(validGrant));
    const second = await readJson(await requestToken(validGrant));
    expect(decodeClaims(first.access_token).exp).toBe(Math.floor(clock.now / 1000) + 1800);
    expect(second.access_token).not.toBe(first.access_token);
  });

  it('records the form it received and counts the call', async () => {
    await requestToken(validGrant);
    const [recorded] = simulator.requests('token');
    expect(recorded?.body).toEqual(validGrant);
    expect(recorded?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(simulator.counters()).toMatchObject({ tokenRequests: 1, tokenFailures: 0 });
  });
});

describe('token endpoint: errors', () => {
  it('rejects a JSON body as unsupported_grant_type', async () => {
    const response = await fetch(simulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validGrant),
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });

  it.each([
    ['a password grant', { ...validGrant, grant_type: 'password' }],
    // this app has no JWT bearer flow configured
    ['a JWT bearer grant', { ...validGrant, grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }],
    ['no grant type', { client_id: defaultClientId, client_secret: defaultClientSecret }],
  ])('rejects %s as unsupported_grant_type', async (_label, fields) => {
    const response = await requestToken(fields);
    expect(response.status).toBe(400);
    expect((await readJson(response)).error).toBe('unsupported_grant_type');
  });

  it('rejects a malformed body and an empty one as unsupported_grant_type', async () => {
    for (const init of [{ headers: { 'content-type': 'application/json' }, body: '{oops' }, {}]) {
      const response = await fetch(simulator.tokenUrl, { method: 'POST', ...init });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toBe('unsupported_grant_type');
    }
  });

  it('rejects a wrong consumer key with invalid_client_id', async () => {
    const response = await requestToken({ ...validGrant, client_id: 'someone-else' });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });

  it('rejects a wrong secret with invalid_client and counts the failures', async () => {
    const response = await requestToken({ ...validGrant, client_secret: 'wrong' });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    expect(simulator.counters()).toMatchObject({ tokenRequests: 1, tokenFailures: 1 });
  });

  it('answers a wrong secret with 401 when configured so', async () => {
    const strict = await startSimulator({
      invalidClientStatus: 401,
      clientId: 'key',
      clientSecret: 'secret',
    });
    try {
      const fields = { grant_type: 'client_credentials', client_id: 'key', client_secret: 'nope' };
      const response = await fetch(strict.tokenUrl, { method: 'POST', body: new URLSearchParams(fields) });
      expect(response.status).toBe(401);
      expect((await readJson(response)).error).toBe('invalid_client');
    } finally {
      await strict.close();
    }
  });

  it('answers GET with a bare 404', async () => {
    const response = await fetch(simulator.tokenUrl);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });
});

describe('token endpoint: injected faults', () => {
  it('fails the next N calls with a transient unknown_error, then recovers', async () => {
    simulator.injectTokenFault({ status: 503, count: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await requestToken(validGrant)).status);
    expect(statuses).toEqual([503, 503, 200]);
    simulator.injectTokenFault({ status: 503 });
    expect(await readJson(await requestToken(validGrant))).toEqual({
      error: 'unknown_error',
      error_description: 'retry your request',
    });
    expect(simulator.counters()).toMatchObject({ tokenRequests: 4, tokenFailures: 3, faultsServed: 3 });
  });

  it('serves a chosen JSON body, an HTML page or an empty body', async () => {
    simulator.injectTokenFault({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'no client credentials user enabled' },
    });
    simulator.injectTokenFault({ status: 502, body: 'non-json' });
    simulator.injectTokenFault({ status: 500, body: 'empty' });
    const custom = await requestToken(validGrant);
    expect(custom.status).toBe(400);
    expect((await readJson(custom)).error_description).toBe('no client credentials user enabled');
    const html = await requestToken(validGrant);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<html>');
    const empty = await requestToken(validGrant);
    expect(empty.status).toBe(500);
    expect(await empty.text()).toBe('');
  });

  it('delays a call without failing it when the fault has no status', async () => {
    simulator.injectTokenFault({ delayMs: 400 });
    const tooImpatient = requestToken(validGrant, { signal: AbortSignal.timeout(50) });
    await expect(tooImpatient).rejects.toThrow();
    const next = await requestToken(validGrant);
    expect(next.status).toBe(200);
    expect(simulator.counters()).toMatchObject({ tokenRequests: 2, tokenFailures: 0, faultsServed: 1 });
  });
});
