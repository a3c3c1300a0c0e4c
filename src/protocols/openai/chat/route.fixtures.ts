import type { FastifyInstance } from 'fastify';
import {
  buildRouteTestApp,
  closeAppsAfterEachTest,
  fakeChatPipeline,
  postJson,
  type RecordedCalls,
} from '../../shared/route.fixtures.ts';
import { type OpenAIRouteDependencies, registerOpenAIRoutes } from '../routes.ts';

type Pipeline = OpenAIRouteDependencies['pipeline'];

function notCalled(): never {
  throw new Error('not called by the chat completions route');
}

/** A minimal valid chat completions request. */
export const chatBody = { model: 'my-model', messages: [{ role: 'user', content: 'Capital of France?' }] };

/** POSTs to /v1/chat/completions. */
export function post(instance: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  return postJson(instance, '/v1/chat/completions', body, headers);
}

/** For one test file: builds the OpenAI routes on a fake chat pipeline, closing each app after its test. */
export function useOpenAIChatRouteApp() {
  const closeAfterTest = closeAppsAfterEachTest();
  return async function buildApp(
    overrides: Partial<Pipeline> = {},
  ): Promise<{ app: FastifyInstance; calls: RecordedCalls }> {
    const calls: RecordedCalls = { requests: [], contexts: [] };
    const pipeline: Pipeline = {
      ...fakeChatPipeline(calls, {
        adjust: (_request, context) =>
          context.onWarning?.({ type: 'ignored-setting', setting: 'temperature' }),
      }),
      // The other OpenAI endpoints have their own route tests.
      generate: notCalled,
      streamGenerate: notCalled,
      embed: notCalled,
      submitFeedback: notCalled,
      ...overrides,
    };
    const app = closeAfterTest(
      await buildRouteTestApp(
        (instance) => registerOpenAIRoutes(instance, { pipeline, keepAliveMs: 10_000 }),
        { bodyLimit: 4096 },
      ),
    );
    return { app, calls };
  };
}
