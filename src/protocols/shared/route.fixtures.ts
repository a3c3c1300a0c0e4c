// Test support shared by the route tests of every protocol; excluded from the build.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { SseDecoder, type SseEvent } from '../../streaming/sse.ts';

/** A neutral one-text answer with usage, as a provider would return it. */
export const chatAnswer: ChatResult = {
  id: 'gw-1',
  servedModel: 'sfdc_ai__Up',
  created: 1_760_000_000,
  content: [{ type: 'text', text: 'The capital of France is Paris.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20 },
};

/** The chat part of the pipeline, as every protocol's routes call it. */
export interface FakeChatPipeline {
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
}

/** What a fake pipeline was asked: each request as it arrived, and the context it came with. */
export interface RecordedCalls {
  requests: ChatRequest[];
  contexts: CallContext[];
}

/** How a fake chat pipeline answers. */
export interface FakeChatPipelineOptions {
  /** The answer, whole or simulated as a stream; chatAnswer when left out. */
  result?: ChatResult;
  /** Called after a request is recorded, to change it and report warnings the way the real pipeline would. */
  adjust?: (request: ChatRequest, context: CallContext) => void;
}

/** A chat pipeline that records a copy of every request and answers with a scripted result. */
export function fakeChatPipeline(
  calls: RecordedCalls,
  options: FakeChatPipelineOptions = {},
): FakeChatPipeline {
  const result = options.result ?? chatAnswer;
  const record = (request: ChatRequest, context: CallContext) => {
    calls.requests.push(structuredClone(request));
    calls.contexts.push(context);
    options.adjust?.(request, context);
  };
  return {
    async chat(request, context) {
      record(request, context);
      return result;
    },
    streamChat(request, context) {
      record(request, context);
      return simulateStream(result);
    },
  };
}

/** Options for a route test app. */
export interface RouteTestAppOptions {
  /** Fastify's bodyLimit in bytes; Fastify's default when left out. */
  bodyLimit?: number;
}

/** A ready Fastify app with the given routes behind a root error handler that answers 599,
 * like the server's fallback: a test sees whether the protocol's own scope handled an error. */
export async function buildRouteTestApp(
  register: (app: FastifyInstance) => void,
  options: RouteTestAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit });
  app.setErrorHandler(async (_error, _request, reply) => reply.code(599).send({ root: true }));
  register(app);
  await app.ready();
  return app;
}

/** Every SSE frame of a whole response body, in order. */
export function collectSseEvents(body: string): SseEvent[] {
  const decoder = new SseDecoder();
  return [...decoder.push(body), ...decoder.flush()];
}

/** POSTs a body in process: a string is sent as it is, anything else as JSON; content-type
 * defaults to application/json. */
export function postJson(
  app: FastifyInstance,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** For one test file: every app handed to the returned function is closed when its test ends. */
export function closeAppsAfterEachTest(): (app: FastifyInstance) => FastifyInstance {
  const open: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
  });
  return (app) => {
    open.push(app);
    return app;
  };
}
