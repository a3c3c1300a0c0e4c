import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { StreamEvent } from '../../core/model.ts';
import { chatAnswer, collectSseEvents } from '../shared/route.fixtures.ts';
import { messagesBody, post, useAnthropicRouteApp } from './routes.fixtures.ts';

const buildApp = useAnthropicRouteApp();

describe('POST /v1/messages', () => {
  it('ends a stream that fails midway with an error event', async () => {
    const { app } = await buildApp({
      async *streamChat() {
        yield { type: 'response-start', id: 'gw-x', servedModel: 'up', created: 1, usage: chatAnswer.usage };
        yield { type: 'text-delta', index: 0, delta: 'Partial' };
        yield {
          type: 'error',
          error: new GatewayError('upstream_timeout', 'The upstream did not answer in time.'),
        };
      },
    });
    const response = await post(app, { ...messagesBody, stream: true });
    expect(response.statusCode).toBe(200);
    const last = collectSseEvents(response.body).at(-1);
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data ?? '{}')).toEqual({
      type: 'error',
      error: { type: 'timeout_error', message: 'The upstream did not answer in time.' },
      request_id: response.headers['request-id'],
    });
  });

  it('answers a stream that fails before its first event with a plain HTTP error and retry-after', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...messagesBody, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'The org is over its rate limit.' },
      request_id: response.headers['request-id'],
    });
  });

  it.each([true, false])(
    'answers an unknown model with a 404 not_found_error (stream: %s)',
    async (stream) => {
      const unknownModel = () => {
        throw new GatewayError('not_found', "The model 'claude-9' does not exist.", { param: 'model' });
      };
      const { app } = await buildApp({ chat: async () => unknownModel(), streamChat: unknownModel });
      const response = await post(app, { ...messagesBody, model: 'claude-9', stream });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({
        type: 'not_found_error',
        message: "The model 'claude-9' does not exist.",
      });
    },
  );

  it('hides the details of an unexpected failure behind a 500 api_error', async () => {
    const { app } = await buildApp({
      async chat() {
        throw new Error('secret internal detail');
      },
    });
    const response = await post(app, messagesBody);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.json().error.type).toBe('api_error');
  });

  it('names a missing max_tokens in a 400', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'claude-sonnet-5', messages: messagesBody.messages });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      type: 'invalid_request_error',
      message: 'max_tokens is required.',
    });
  });

  it.each([
    ['invalid JSON', '{"model": "claude",', 'application/json', 400, 'invalid_request_error'],
    ['a text/plain body', 'hello', 'text/plain', 415, 'invalid_request_error'],
    [
      'a body over the limit',
      JSON.stringify({ ...messagesBody, padding: 'x'.repeat(5000) }),
      'application/json',
      413,
      'request_too_large',
    ],
  ])('answers %s with an Anthropic-shaped error', async (_label, payload, contentType, status, type) => {
    const { app } = await buildApp();
    const response = await post(app, payload, { headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(response.json()).toMatchObject({ type: 'error', error: { type } });
  });
});
