import { GatewayError } from '../../../core/errors.ts';
import type { EmbeddingResult } from '../../../core/model.ts';
import type { EmbeddingEncoding } from './decode.ts';

/** How the embeddings answer must be shaped. */
export interface EmbeddingsResponseOptions {
  /** The model name the client sent; echoed back. */
  requestedModel: string;
  encodingFormat: EmbeddingEncoding;
  /** The vector length the client asked for; a different upstream length is a 400, never a silent cut. */
  dimensions?: number;
}

/** Neutral result -> `CreateEmbeddingResponse` body. */
export function encodeEmbeddingsResponse(
  result: EmbeddingResult,
  options: EmbeddingsResponseOptions,
): Record<string, unknown> {
  checkDimensions(result, options);
  return {
    object: 'list',
    data: result.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: options.encodingFormat === 'base64' ? encodeBase64Vector(vector) : vector,
    })),
    model: options.requestedModel,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.totalTokens },
  };
}

/** A vector as base64 of its little-endian float32 bytes: what the OpenAI SDKs decode by default. */
export function encodeBase64Vector(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * Float32Array.BYTES_PER_ELEMENT);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * Float32Array.BYTES_PER_ELEMENT);
  });
  return bytes.toString('base64');
}

// The upstream returns vectors of one fixed length per model (ada-002: 1536) and takes no
// dimensions setting. ada-002 vectors are not trained to be shortened, so cutting them here would
// hand the client something other than what it asked for; a mismatch is refused instead.
function checkDimensions(result: EmbeddingResult, options: EmbeddingsResponseOptions): void {
  const { dimensions } = options;
  if (dimensions === undefined) return;
  const mismatch = result.vectors.find((vector) => vector.length !== dimensions);
  if (!mismatch) return;
  const length = mismatch.length;
  throw new GatewayError(
    'invalid_request',
    `dimensions is ${dimensions}, but the model '${options.requestedModel}' returns ${length}-dimensional vectors and cannot shorten them; omit dimensions or set it to ${length}.`,
    { param: 'dimensions', code: 'unsupported_value' },
  );
}
