import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

function buildApp() {
  const app = createApp({ logger: pino({ level: 'silent' }), bodyLimitBytes: 1024 });
  app.post('/echo', async (request) => request.body);
  return app;
}

describe('createApp', () => {
  it("keeps a client's x-request-id and mints one otherwise", async () => {
    const app = buildApp();
    const kept = await app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'client-id-42' },
    });
    expect(kept.headers['x-request-id']).toBe('client-id-42');
    const minted = await app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'bad id\twith tab' },
    });
    expect(minted.headers['x-request-id']).toMatch(/^req_[0-9a-f-]{36}$/);
  });

  it('answers unknown endpoints with an OpenAI-shaped 404', async () => {
    const response = await buildApp().inject({ method: 'GET', url: '/v2/whatever?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        message: 'Unknown endpoint GET /v2/whatever.',
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_endpoint',
      },
    });
  });

  it('refuses a body over the limit with 413 and invalid JSON with 400, both OpenAI-shaped', async () => {
    const app = buildApp();
    const large = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(2048) }),
    });
    expect(large.statusCode).toBe(413);
    expect(large.json().error.message).toMatch(/larger than/);
    const broken = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });
});
