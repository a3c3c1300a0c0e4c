import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/model.ts';
import {
  buildRouteTestApp,
  fakeChatPipeline,
  postJson,
  type RecordedCalls,
} from '../shared/route.fixtures.ts';
import { type AnthropicRouteDependencies, registerAnthropicRoutes } from './routes.ts';

interface Calls extends RecordedCalls {
  counted: ChatRequest[];
}

type Pipeline = AnthropicRouteDependencies['pipeline'];

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(
  overrides: Partial<Pipeline> = {},
  keepAliveMs = 10_000,
): Promise<{ app: FastifyInstance; calls: Calls }> {
  const calls: Calls = { requests: [], contexts: [], counted: [] };
  const pipeline: Pipeline = {
    ...fakeChatPipeline(calls, { adjust: (request) => request.ignoredFields.push('max_tokens') }),
    countTokens(request) {
      calls.counted.push(structuredClone(request));
      return 2095;
    },
    ...overrides,
  };
  app = await buildRouteTestApp((instance) => registerAnthropicRoutes(instance, { pipeline, keepAliveMs }), {
    bodyLimit: 4096,
  });
  return { app, calls };
}

const messagesBody = {
  model: 'claude-sonnet-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Capital of France?' }],
};

function post(
  instance: FastifyInstance,
  body: unknown,
  options: { url?: string; headers?: Record<string, string> } = {},
) {
  return postJson(instance, options.url ?? '/v1/messages', body, {
    'anthropic-version': '2023-06-01',
    ...options.headers,
  });
}

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
