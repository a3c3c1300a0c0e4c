import { describe, expect, it } from 'vitest';
import { messagesBody, post, useAnthropicRouteApp } from './routes.fixtures.ts';

const buildApp = useAnthropicRouteApp();

describe('POST /v1/messages/count_tokens', () => {
  it('counts the decoded request without needing max_tokens', async () => {
    const { app, calls } = await buildApp();
    const response = await post(
      app,
      {
        model: 'claude-sonnet-5',
        system: 'Be brief.',
        messages: messagesBody.messages,
        tools: [{ name: 'ping', input_schema: { type: 'object' } }],
      },
      { url: '/v1/messages/count_tokens?beta=true' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ input_tokens: 2095 });
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(calls.counted[0]?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(calls.counted[0]?.tools.map((tool) => tool.name)).toEqual(['ping']);
  });

  it('answers a bad body with an Anthropic-shaped 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'claude-sonnet-5' }, { url: '/v1/messages/count_tokens' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      type: 'invalid_request_error',
      message: 'messages is required.',
    });
  });
});

describe('HEAD /api/hello', () => {
  it('answers 200 to Claude Code’s warm-up probe', async () => {
    const { app } = await buildApp();
    const response = await app.inject({ method: 'HEAD', url: '/api/hello' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });
});
