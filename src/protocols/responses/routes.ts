import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, toGatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { encodeSseComment } from '../../streaming/sse.ts';
import { writeSseResponse } from '../../streaming/write-sse.ts';
import { replyWithError } from '../openai/reply-with-error.ts';
import { createCallContext } from '../shared/create-call-context.ts';
import { encodeGenerationIdHeader } from '../shared/generation-id-header.ts';
import { encodeIgnoredParamsHeader } from '../shared/ignored-params-header.ts';
import { logRequestFailure } from '../shared/log-request-failure.ts';
import { mapRequestError } from '../shared/map-request-error.ts';
import { decodeResponsesRequest } from './decode.ts';
import { encodeResponse } from './encode.ts';
import { OutputItemStore } from './output-item-store.ts';
import { encodeResponseStream } from './stream.ts';

/** What the Responses routes need from the rest of the gateway. */
export interface ResponsesRouteDependencies {
  pipeline: {
    chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
    streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
  };
  /** Idle time after which a streaming response gets a keep-alive comment. */
  keepAliveMs: number;
  /** Where produced output items are kept so item references resolve; default: a store of this
   * registration's own. Pass one to share it beyond this registration. */
  itemStore?: OutputItemStore;
}

/** Registers POST /v1/responses in its own scope, with OpenAI-shaped errors. Every answer's output
 * items are remembered so that later item references to them resolve. Retrieving, deleting,
 * cancelling or listing the input of a stored response answers 404 with the reason: responses
 * are not stored here, and clients get a clear answer instead of an unknown-endpoint error. */
export function registerResponsesRoutes(
  app: FastifyInstance,
  dependencies: ResponsesRouteDependencies,
): void {
  const routeDependencies = {
    ...dependencies,
    itemStore: dependencies.itemStore ?? new OutputItemStore(),
  };
  app.register(async (scope) => {
    scope.setErrorHandler((thrown, request, reply) =>
      replyWithError(request, reply, mapRequestError(thrown, request)),
    );
    // Only JSON bodies: without this, Fastify's text/plain parser would hand a string to decode.
    scope.removeContentTypeParser('text/plain');
    scope.post('/v1/responses', (request, reply) => handleResponses(request, reply, routeDependencies));
    const notStored = async (request: FastifyRequest<{ Params: { id: string } }>) => {
      throw new GatewayError(
        'not_found',
        `No response with id "${request.params.id}": this gateway does not store responses, so they cannot be retrieved, cancelled or deleted.`,
        { param: 'response_id', code: 'response_not_found' },
      );
    };
    scope.get('/v1/responses/:id', notStored);
    scope.delete('/v1/responses/:id', notStored);
    scope.post('/v1/responses/:id/cancel', notStored);
    scope.get('/v1/responses/:id/input_items', notStored);
  });
}

async function handleResponses(
  request: FastifyRequest,
  reply: FastifyReply,
  dependencies: Required<ResponsesRouteDependencies>,
): Promise<unknown> {
  const itemStore = dependencies.itemStore.scopedTo(request.caller?.name ?? '');
  const { request: chatRequest, stream, echo } = decodeResponsesRequest(request.body, itemStore);
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent.
  const requestedModel = chatRequest.model;
  const { context, abortController, streamObserver } = createCallContext(request, reply, chatRequest);
  if (!stream) {
    const result = await dependencies.pipeline.chat(chatRequest, context);
    reply.headers({
      ...encodeIgnoredParamsHeader(chatRequest.ignoredFields),
      ...encodeGenerationIdHeader(result),
    });
    const response = encodeResponse(result, requestedModel, echo);
    itemStore.remember(response.output);
    return response;
  }
  const events = dependencies.pipeline.streamChat(chatRequest, context);
  const onError = (error: GatewayError) => {
    // A failure caused by the client leaving is not worth a log line.
    if (!abortController.signal.aborted) logRequestFailure(request, error);
  };
  // No errorFrame: the encoder turns every failure after its first frame into in-band events
  // itself, and only throws before it, which onFirstFrameError answers.
  await writeSseResponse(reply, {
    frames: encodeResponseStream(events, {
      requestedModel,
      echo,
      onError,
      onComplete: (response) => itemStore.remember(response.output),
    }),
    keepAliveMs: dependencies.keepAliveMs,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    headers: () => encodeIgnoredParamsHeader(chatRequest.ignoredFields),
    onFirstFrameError: (error) => {
      replyWithError(request, reply, toGatewayError(error));
    },
    abortController,
    observer: streamObserver,
  });
  return reply;
}
