import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toGatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { writeSseResponse } from '../../streaming/write-sse.ts';
import { createCallContext } from '../shared/create-call-context.ts';
import { encodeIgnoredParamsHeader } from '../shared/ignored-params-header.ts';
import { logRequestFailure } from '../shared/log-request-failure.ts';
import { mapRequestError } from '../shared/map-request-error.ts';
import { decodeCountTokensRequest, decodeMessagesRequest } from './decode.ts';
import { encodeMessageResponse } from './encode.ts';
import { replyWithError } from './reply-with-error.ts';
import { encodeMessageStream, encodeMessageStreamError, encodeMessageStreamPing } from './stream.ts';

/** What the Anthropic routes need from the rest of the gateway. */
export interface AnthropicRouteDependencies {
  pipeline: {
    chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
    streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
    /** Input tokens of the prompt (system, tools and messages) as the model would count them. */
    countTokens(request: ChatRequest): Promise<number>;
  };
  /** Idle time after which a streaming response gets a ping event. */
  keepAliveMs: number;
}

/** Registers /v1/messages, /v1/messages/count_tokens and HEAD /api/hello in their own scope, with
 * Anthropic-shaped errors and a `request-id` header on every response. Routes match on the path
 * only, so Claude Code's `?beta=true` is ignored. */
export function registerAnthropicRoutes(
  app: FastifyInstance,
  dependencies: AnthropicRouteDependencies,
): void {
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('request-id', request.id);
    });
    scope.setErrorHandler((thrown, request, reply) =>
      replyWithError(request, reply, mapRequestError(thrown, request)),
    );
    // Only JSON bodies: without this, Fastify's text/plain parser would hand a string to decode.
    scope.removeContentTypeParser('text/plain');
    scope.post('/v1/messages', (request, reply) => handleMessages(request, reply, dependencies));
    scope.post('/v1/messages/count_tokens', async (request) => ({
      input_tokens: await dependencies.pipeline.countTokens(decodeCountTokensRequest(request.body)),
    }));
    // Claude Code's connection-warming probe.
    scope.route({
      method: 'HEAD',
      url: '/api/hello',
      handler: async (_request, reply) => reply.code(200).send(),
    });
  });
}

async function handleMessages(
  request: FastifyRequest,
  reply: FastifyReply,
  dependencies: AnthropicRouteDependencies,
): Promise<unknown> {
  const { request: chatRequest, stream } = decodeMessagesRequest(request.body);
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent.
  const requestedModel = chatRequest.model;
  const { context, abortController, streamObserver } = createCallContext(request, reply, chatRequest);
  if (!stream) {
    const result = await dependencies.pipeline.chat(chatRequest, context);
    reply.headers(encodeIgnoredParamsHeader(chatRequest.ignoredFields));
    return encodeMessageResponse(result, requestedModel);
  }
  const events = dependencies.pipeline.streamChat(chatRequest, context);
  const inBandError = (error: unknown) => {
    const gatewayError = toGatewayError(error);
    // A failure caused by the client leaving is not worth a log line.
    if (!abortController.signal.aborted) logRequestFailure(request, gatewayError);
    return gatewayError;
  };
  await writeSseResponse(reply, {
    frames: encodeMessageStream(events, { requestedModel, requestId: request.id, onError: inBandError }),
    keepAliveMs: dependencies.keepAliveMs,
    keepAliveFrame: encodeMessageStreamPing,
    headers: () => encodeIgnoredParamsHeader(chatRequest.ignoredFields),
    onFirstFrameError: (error) => {
      replyWithError(request, reply, toGatewayError(error));
    },
    errorFrame: (error) => encodeMessageStreamError(inBandError(error), request.id),
    abortController,
    observer: streamObserver,
  });
  return reply;
}
