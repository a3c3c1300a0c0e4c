import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { chatBody, post, useOpenAIChatRouteApp } from './route.fixtures.ts';

const buildApp = useOpenAIChatRouteApp();

describe('POST /v1/chat/completions', () => {
  it('answers a stream that fails before its first chunk with a plain HTTP error and Retry-After', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...chatBody, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: {
        message: 'The org is over its rate limit.',
        type: 'rate_limit_error',
        param: null,
        code: null,
      },
    });
  });

  it('renders a model error thrown when the stream is set up as a 404', async () => {
    const { app } = await buildApp({
      streamChat() {
        throw new GatewayError('not_found', 'Unknown model "x".', {
          param: 'model',
          code: 'model_not_found',
        });
      },
    });
    const response = await post(app, { ...chatBody, stream: true });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
    });
  });

  it('hides the details of an unexpected failure behind a 500 that SDKs should not retry', async () => {
    const { app } = await buildApp({
      async chat() {
        throw new Error('secret internal detail');
      },
    });
    const response = await post(app, chatBody);
    expect(response.statusCode).toBe(500);
    expect(response.headers['x-should-retry']).toBe('false');
    expect(response.body).not.toContain('secret');
    expect(response.json().error.type).toBe('server_error');
  });

  it('names the invalid field in a 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'my-model', messages: [{ role: 'robot', content: 'x' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        message:
          'messages[0].role must be one of system, developer, user, assistant, tool, function; got "robot".',
        type: 'invalid_request_error',
        param: 'messages[0].role',
        code: 'invalid_value',
      },
    });
  });

  it.each([
    [
      'invalid JSON',
      '{"model": "my-model",',
      'application/json',
      400,
      'The request body is not valid JSON; send one JSON object.',
    ],
    ['an empty JSON body', '', 'application/json', 400, 'The request body is empty; send one JSON object.'],
    [
      'a JSON array',
      '[1]',
      'application/json',
      400,
      'The request body must be a JSON object with "model" and "messages".',
    ],
    [
      'a text/plain body',
      'hello',
      'text/plain',
      415,
      'Content-Type must be application/json; got "text/plain".',
    ],
    [
      'a body over the limit',
      JSON.stringify({ ...chatBody, padding: 'x'.repeat(5000) }),
      'application/json',
      413,
      "The request body is larger than this gateway's limit of 4096 bytes.",
    ],
  ])('answers %s with an OpenAI-shaped error', async (_label, payload, contentType, status, message) => {
    const { app } = await buildApp();
    const response = await post(app, payload, { 'content-type': contentType });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { message, type: 'invalid_request_error' } });
  });
});
