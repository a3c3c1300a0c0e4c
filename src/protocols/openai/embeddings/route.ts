import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmbeddingRequest, EmbeddingResult } from '../../../core/model.ts';
import type { CallContext } from '../../../core/provider.ts';
import { encodeCacheOutcomeHeader } from '../../shared/cache-outcome-header.ts';
import { createCallContextForPrompt } from '../../shared/create-call-context.ts';
import { encodeIgnoredParamsHeader } from '../../shared/ignored-params-header.ts';
import { decodeEmbeddingsRequest } from './decode.ts';
import { encodeEmbeddingsResponse } from './encode.ts';

/** The part of the pipeline the embeddings route calls. */
export interface EmbeddingPipeline {
  embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult>;
}

/** `POST /v1/embeddings`. */
export async function handleEmbeddings(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: EmbeddingPipeline,
): Promise<unknown> {
  const {
    request: embeddingRequest,
    encodingFormat,
    dimensions,
    ignoredFields,
  } = decodeEmbeddingsRequest(request.body);
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent.
  const requestedModel = embeddingRequest.model;
  const promptCharacters = embeddingRequest.input.reduce((total, text) => total + text.length, 0);
  const callContext = createCallContextForPrompt(request, reply, promptCharacters);
  const result = await pipeline.embed(embeddingRequest, callContext.context);
  request.telemetry?.noteUsage(result.usage);
  const body = encodeEmbeddingsResponse(result, { requestedModel, encodingFormat, dimensions });
  reply.headers({
    ...encodeIgnoredParamsHeader(ignoredFields),
    ...encodeCacheOutcomeHeader(callContext.cacheOutcome),
  });
  return body;
}
