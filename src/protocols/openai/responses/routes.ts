import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../../core/errors.ts';
import { encodeSseComment } from '../../../streaming/sse.ts';
import { type ChatPipeline, callChatPipeline } from '../../shared/call-chat-pipeline.ts';
import { serveChatRoute } from '../../shared/serve-chat-route.ts';
import { setUpProtocolScope } from '../../shared/set-up-protocol-scope.ts';
import { replyWithError } from '../reply-with-error.ts';
import { decodeResponsesRequest } from './decode.ts';
import { encodeResponse } from './encode.ts';
import { OutputItemStore } from './output-item-store.ts';
import { encodeResponseStream } from './stream.ts';

/** What the Responses routes need from the rest of the gateway. */
export interface ResponsesRouteDependencies {
  pipeline: ChatPipeline;
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
    setUpProtocolScope(scope, replyWithError);
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
  const { request: chatRequest, fieldNames, stream, echo } = decodeResponsesRequest(request.body, itemStore);
  const { reasoning } = chatRequest;
  const reasoningAsked =
    reasoning !== undefined && reasoning.mode !== 'disabled' && reasoning.effort !== 'none';
  return serveChatRoute(request, reply, {
    call: callChatPipeline(request, reply, dependencies.pipeline, chatRequest, fieldNames),
    stream,
    encodeAnswer: (result, requestedModel) => {
      const response = encodeResponse(result, requestedModel, echo, reasoningAsked);
      itemStore.remember(response.output);
      return response;
    },
    sendsGenerationId: true,
    encodeStream: (events, requestedModel, reportFailure) =>
      encodeResponseStream(events, {
        requestedModel,
        echo,
        onError: reportFailure,
        onComplete: (response) => itemStore.remember(response.output),
        reasoningAsked,
      }),
    // No encodeStreamError: the encoder turns every failure after its first frame into in-band
    // events itself, and only throws before it, which is answered with a plain HTTP error.
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    keepAliveMs: dependencies.keepAliveMs,
    replyWithError,
  });
}
