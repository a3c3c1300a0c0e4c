import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { FeedbackRequest } from '../../../core/model.ts';
import { type OpenAIRouteDependencies, registerOpenAIRoutes } from '../routes.ts';

type Pipeline = OpenAIRouteDependencies['pipeline'];

function notCalled(): never {
  throw new Error('not called by the feedback route');
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(submitFeedback?: Pipeline['submitFeedback']) {
  const requests: FeedbackRequest[] = [];
  const pipeline: Pipeline = {
    chat: notCalled,
    streamChat: notCalled,
    generate: notCalled,
    streamGenerate: notCalled,
    embed: notCalled,
    submitFeedback:
      submitFeedback ??
      (async (request) => {
        requests.push(structuredClone(request));
        return { message: 'Feedback accepted' };
      }),
  };
  app = Fastify();
  registerOpenAIRoutes(app, { pipeline, keepAliveMs: 10_000 });
  await app.ready();
  return { app, requests };
}

function post(instance: FastifyInstance, body: unknown) {
  return instance.inject({ method: 'POST', url: '/v1/feedback', payload: body as object });
}

describe('POST /v1/feedback', () => {
  it('forwards snake_case feedback and answers 202 with the upstream message', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, {
      id: 'fb-1',
      generation_id: 'gen-1',
      feedback: 'GOOD',
      feedback_text: 'Spot on.',
      source: 'HUMAN',
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ object: 'feedback', status: 'accepted', message: 'Feedback accepted' });
    expect(requests).toEqual([
      { id: 'fb-1', generationId: 'gen-1', feedback: 'GOOD', feedbackText: 'Spot on.', source: 'HUMAN' },
    ]);
  });

  it('forwards a body written for Salesforce (camelCase) unchanged', async () => {
    const { app, requests } = await buildApp();
    const body = { id: 'fb-2', generationId: 'gen-2', appFeedback: { rating: 5 }, appGenerationId: 'a-2' };
    const response = await post(app, body);
    expect(response.statusCode).toBe(202);
    expect(requests).toEqual([body]);
  });

  it('answers a missing generation id with a 400 naming generation_id', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, { id: 'fb-3' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      param: 'generation_id',
      code: 'missing_required_parameter',
      type: 'invalid_request_error',
    });
    expect(requests).toEqual([]);
  });

  it('renders an upstream that takes no feedback as an OpenAI-shaped 404', async () => {
    const { app } = await buildApp(async () => {
      throw new GatewayError('not_found', 'The fake upstream takes no feedback.', {
        code: 'unsupported_endpoint',
      });
    });
    const response = await post(app, { id: 'fb-4', generation_id: 'gen-4' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        message: 'The fake upstream takes no feedback.',
        type: 'invalid_request_error',
        param: null,
        code: 'unsupported_endpoint',
      },
    });
  });
});
