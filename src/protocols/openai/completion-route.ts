import type { FastifyReply, FastifyRequest } from 'fastify';
import { toGatewayError } from '../../core/errors.ts';
import type { ChatResult, StreamEvent, TextGenerationRequest } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { encodeSseComment } from '../../streaming/sse.ts';
import { writeSseResponse } from '../../streaming/write-sse.ts';
import { createCallContextForPrompt } from '../shared/create-call-context.ts';
import { encodeGenerationIdHeader } from '../shared/generation-id-header.ts';
import { encodeIgnoredParamsHeader } from '../shared/ignored-params-header.ts';
import { logRequestFailure } from '../shared/log-request-failure.ts';
import { encodeCompletionStream } from './completion-stream.ts';
import { decodeCompletionRequest } from './decode-completion.ts';
import { encodeCompletionResponse } from './encode-completion.ts';
import { replyWithError } from './reply-with-error.ts';
import { encodeChatStreamError } from './stream.ts';

/** The part of the pipeline the legacy completions route calls. */
export interface TextGenerationPipeline {
  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult>;
  streamGenerate(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent>;
}

/** `POST /v1/completions` (legacy): one prompt, one generation, whole or streamed. */
export async function handleCompletion(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: TextGenerationPipeline,
  keepAliveMs: number,
): Promise<unknown> {
  const { request: generationRequest, stream, includeUsage } = decodeCompletionRequest(request.body);
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent.
  const requestedModel = generationRequest.model;
  const { context, abortController, streamObserver } = createCallContextForPrompt(
    request,
    reply,
    generationRequest.prompt.length,
  );
  // Read after the pipeline ran: it adds the settings this upstream cannot honour.
  const ignoredParamsHeaders = () => encodeIgnoredParamsHeader(generationRequest.ignoredFields);
  if (!stream) {
    const result = await pipeline.generate(generationRequest, context);
    reply.headers({ ...ignoredParamsHeaders(), ...encodeGenerationIdHeader(result) });
    return encodeCompletionResponse(result, requestedModel);
  }
  const events = pipeline.streamGenerate(generationRequest, context);
  const inBandError = (error: unknown) => {
    const gatewayError = toGatewayError(error);
    // A failure caused by the client leaving is not worth a log line.
    if (!abortController.signal.aborted) logRequestFailure(request, gatewayError);
    return gatewayError;
  };
  await writeSseResponse(reply, {
    frames: encodeCompletionStream(events, { requestedModel, includeUsage, onError: inBandError }),
    keepAliveMs,
    keepAliveFrame: () => encodeSseComment('keep-alive'),
    headers: ignoredParamsHeaders,
    onFirstFrameError: (error) => {
      replyWithError(request, reply, toGatewayError(error));
    },
    errorFrame: (error) => encodeChatStreamError(inBandError(error)),
    abortController,
    observer: streamObserver,
  });
  return reply;
}
