import type { FastifyInstance } from 'fastify';
import type { ChatRequest } from '../../../core/model.ts';
import type { CallContext } from '../../../core/provider.ts';
import {
  buildRouteTestApp,
  chatAnswer,
  closeAppsAfterEachTest,
  fakeChatPipeline,
  postJson,
  type RecordedCalls,
} from '../../shared/route.fixtures.ts';
import type { OutputItemStore } from './output-item-store.ts';
import { type ResponsesRouteDependencies, registerResponsesRoutes } from './routes.ts';

type Pipeline = ResponsesRouteDependencies['pipeline'];

/** A minimal valid Responses request. */
export const body = { model: 'my-model', input: 'Capital of France?' };

/** POSTs to /v1/responses with the given content type. */
export function post(instance: FastifyInstance, payload: unknown, contentType = 'application/json') {
  return postJson(instance, '/v1/responses', payload, { 'content-type': contentType });
}

/** For one test file: builds the Responses routes on a fake pipeline, closing each app after its test. */
export function useResponsesRouteApp() {
  const closeAfterTest = closeAppsAfterEachTest();
  return async function buildApp(
    overrides: Partial<Pipeline> = {},
    itemStore?: OutputItemStore,
  ): Promise<{ app: FastifyInstance; requests: ChatRequest[] }> {
    const calls: RecordedCalls = { requests: [], contexts: [] };
    // Like the real pipeline, the fake rewrites the model name and reports what it could not honour.
    const adjust = (request: ChatRequest, context: CallContext) => {
      if (request.maxOutputTokens !== undefined) {
        context.onWarning?.({ type: 'ignored-setting', setting: 'maxOutputTokens' });
      }
      request.model = 'sfdc_ai__Up';
    };
    const pipeline: Pipeline = {
      ...fakeChatPipeline(calls, { result: { ...chatAnswer, generationId: 'gen-1' }, adjust }),
      ...overrides,
    };
    const app = closeAfterTest(
      await buildRouteTestApp((instance) =>
        registerResponsesRoutes(instance, {
          pipeline,
          keepAliveMs: 10_000,
          ...(itemStore ? { itemStore } : {}),
        }),
      ),
    );
    return { app, requests: calls.requests };
  };
}
