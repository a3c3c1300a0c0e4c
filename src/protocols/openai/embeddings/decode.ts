import { z } from 'zod';
import { GatewayError } from '../../../core/errors.ts';
import type { EmbeddingRequest } from '../../../core/model.ts';
import { modelNameSchema } from '../../shared/field-schemas.ts';
import { validateBody } from '../../shared/validate-body.ts';

/** How the client wants each vector written: a JSON array or base64 of little-endian float32 bytes. */
export type EmbeddingEncoding = 'float' | 'base64';

/** A decoded embeddings call: the neutral request plus how the answer must be shaped. */
export interface DecodedEmbeddings {
  request: EmbeddingRequest;
  encodingFormat: EmbeddingEncoding;
  /** The vector length the client asked for, when it asked. */
  dimensions?: number;
  /** Wire names of fields that had no effect. */
  ignoredFields: string[];
}

// OpenAI takes at most 2048 inputs per call and refuses empty strings.
const maximumInputs = 2048;

/** `POST /v1/embeddings` body; unknown keys pass. */
export const embeddingsRequestSchema = z.looseObject({
  model: modelNameSchema,
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(maximumInputs)]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.int().positive().nullish(),
  user: z.string().nullish(),
});

/** Wire body -> neutral embeddings request; throws a 400 GatewayError naming the field at fault. */
export function decodeEmbeddingsRequest(body: unknown): DecodedEmbeddings {
  refuseTokenIds(body);
  const wire = validateBody(embeddingsRequestSchema, body, '"model" and "input"');
  return {
    request: { model: wire.model, input: typeof wire.input === 'string' ? [wire.input] : wire.input },
    encodingFormat: wire.encoding_format ?? 'float',
    dimensions: wire.dimensions ?? undefined,
    ignoredFields: wire.user === null || wire.user === undefined ? [] : ['user'],
  };
}

// OpenAI also accepts pre-tokenized input (number[] or number[][]), but the Salesforce upstream
// takes text only and tokenizes it itself, with a tokenizer the client cannot know.
function refuseTokenIds(body: unknown): void {
  const input = (body as { input?: unknown } | null)?.input;
  if (!Array.isArray(input)) return;
  if (!input.some((item) => typeof item === 'number' || Array.isArray(item))) return;
  throw new GatewayError(
    'invalid_request',
    'input contains token ids, but this gateway embeds text only; send input as a string or an array of strings.',
    { param: 'input', code: 'unsupported_value' },
  );
}
