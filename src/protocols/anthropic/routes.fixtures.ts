import type { FastifyInstance } from 'fastify';
import type { ChatRequest } from '../../core/model.ts';
import {
  buildRouteTestApp,
  closeAppsAfterEachTest,
  fakeChatPipeline,
  postJson,
  type RecordedCalls,
} from '../shared/route.fixtures.ts';
import { type AnthropicRouteDependencies, registerAnthropicRoutes } from './routes.ts';

/** What the fake pipeline was asked, count_tokens included. */
export interface Calls extends RecordedCalls {
  counted: ChatRequest[];
}

type Pipeline = AnthropicRouteDependencies['pipeline'];

/** A minimal valid Messages request. */
export const messagesBody = {
  model: 'claude-sonnet-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Capital of France?' }],
};

/** POSTs as the Anthropic SDK does (with anthropic-version), to /v1/messages unless told otherwise. */
export function post(
  instance: FastifyInstance,
  body: unknown,
  options: { url?: string; headers?: Record<string, string> } = {},
) {
  return postJson(instance, options.url ?? '/v1/messages', body, {
    'anthropic-version': '2023-06-01',
    ...options.headers,
  });
}

/** For one test file: builds the Anthropic routes on a fake pipeline, closing each app after its test. */
export function useAnthropicRouteApp() {
  const closeAfterTest = closeAppsAfterEachTest();
  return async function buildApp(
    overrides: Partial<Pipeline> = {},
    keepAliveMs = 10_000,
  ): Promise<{ app: FastifyInstance; calls: Calls }> {
    const calls: Calls = { requests: [], contexts: [], counted: [] };
    const pipeline: Pipeline = {
      ...fakeChatPipeline(calls, {
        // As the pipeline does for the Models API, which takes no max_tokens and no reasoning.
        adjust: (request, context) => {
          context.onWarning?.({ type: 'ignored-setting', setting: 'maxOutputTokens' });
          if (request.reasoning && request.reasoning.mode !== 'disabled') {
            context.onWarning?.({ type: 'ignored-setting', setting: 'reasoning' });
          }
        },
      }),
      async countTokens(request) {
        calls.counted.push(structuredClone(request));
        return 2095;
      },
      ...overrides,
    };
    const app = closeAfterTest(
      await buildRouteTestApp((instance) => registerAnthropicRoutes(instance, { pipeline, keepAliveMs }), {
        bodyLimit: 4096,
      }),
    );
    return { app, calls };
  };
}
