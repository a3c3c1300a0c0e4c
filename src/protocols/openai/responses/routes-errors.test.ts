import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { chatAnswer, collectSseEvents } from '../../shared/route.fixtures.ts';
import { body, post, useResponsesRouteApp } from './routes.fixtures.ts';

const buildApp = useResponsesRouteApp();

describe('POST /v1/responses', () => {
  it('answers a stream that fails before its first event with a plain HTTP error and Retry-After', async () => {
    const { app } = await buildApp({
      // biome-ignore lint/correctness/useYield: the upstream fails before producing anything
      async *streamChat(): AsyncIterable<StreamEvent> {
        throw new GatewayError('rate_limit', 'The org is over its rate limit.', { retryAfterSeconds: 3 });
      },
    });
    const response = await post(app, { ...body, stream: true });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.json()).toEqual({
      error: {
        message: 'The org is over its rate limit.',
        type: 'rate_limit_error',
        param: null,
        code: null,
      },
    });
  });

  it('ends a stream that fails midway with an error event and response.failed', async () => {
    const { app } = await buildApp({
      async *streamChat(): AsyncIterable<StreamEvent> {
        yield { type: 'response-start', id: 'gw-2', servedModel: 'x', created: 1, usage: chatAnswer.usage };
        yield { type: 'text-delta', index: 0, delta: 'Partial' };
        throw new GatewayError('upstream_timeout', 'The upstream did not answer in time.');
      },
    });
    const response = await post(app, { ...body, stream: true });
    expect(response.statusCode).toBe(200);
    const events = collectSseEvents(response.body);
    expect(events.slice(-2).map((event) => event.event)).toEqual(['error', 'response.failed']);
  });

  it.each([
    [
      'previous_response_id',
      { ...body, previous_response_id: 'resp_1' },
      {
        message:
          'previous_response_id is not supported: this gateway does not store responses; send the whole conversation in input.',
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'unsupported_parameter',
      },
    ],
    [
      'an image by file id',
      {
        ...body,
        input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }],
      },
      {
        message:
          'input[0].content[0] is an image given by file_id, which this gateway cannot read: it stores no files. Send the image as image_url, an https or data URL.',
        type: 'invalid_request_error',
        param: 'input[0].content[0]',
        code: 'unsupported_content',
      },
    ],
    [
      'invalid JSON',
      '{"model":',
      {
        message: 'The request body is not valid JSON; send one JSON object.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_json',
      },
    ],
  ])('answers %s with a 400 in the OpenAI error shape', async (_label, payload, error) => {
    const { app, requests } = await buildApp();
    const response = await post(app, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error });
    expect(requests).toEqual([]);
  });

  it('refuses a text/plain body', async () => {
    const { app } = await buildApp();
    const response = await post(app, 'hello', 'text/plain');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });
});

describe('stored responses', () => {
  it.each([
    ['GET', '/v1/responses/resp_1'],
    ['DELETE', '/v1/responses/resp_1'],
    ['POST', '/v1/responses/resp_1/cancel'],
    ['GET', '/v1/responses/resp_1/input_items'],
  ] as const)('answers %s %s with a 404 that says nothing is stored', async (method, url) => {
    const { app } = await buildApp();
    const response = await app.inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        message:
          'No response with id "resp_1": this gateway does not store responses, so they cannot be retrieved, cancelled or deleted.',
        type: 'invalid_request_error',
        param: 'response_id',
        code: 'response_not_found',
      },
    });
  });
});
