import { z } from 'zod';
import { GatewayError } from '../../../core/errors.ts';
import type { TextGenerationRequest } from '../../../core/model.ts';
import { modelNameSchema, outputTokensSchema } from '../../shared/field-schemas.ts';
import { type RequestFieldNames, snakeCaseSettingNames } from '../../shared/request-field-names.ts';
import { validateBody } from '../../shared/validate-body.ts';
import { collectIgnoredFields } from '../collect-ignored-fields.ts';
import { decodeSampling, decodeStop, stopSchema } from '../decode-sampling.ts';

/** A decoded legacy completions call: the neutral request plus how the client wants it delivered. */
export interface DecodedCompletion {
  request: TextGenerationRequest;
  /** The request's parts by their wire names, for warnings. */
  fieldNames: RequestFieldNames;
  stream: boolean;
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  includeUsage: boolean;
}

const penaltySchema = z.number().min(-2).max(2).nullish();

/** `POST /v1/completions` body; unknown keys pass. `prompt` is checked by hand for clearer messages. */
export const completionRequestSchema = z.looseObject({
  model: modelNameSchema,
  prompt: z.unknown(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: outputTokensSchema.nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.int().positive().nullish(),
  seed: z.int().nullish(),
  presence_penalty: penaltySchema,
  frequency_penalty: penaltySchema,
  stop: stopSchema.nullish(),
  n: z.int().positive().nullish(),
  best_of: z.int().positive().nullish(),
  suffix: z.string().nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.int().nullish(),
});

type CompletionRequestBody = z.infer<typeof completionRequestSchema>;

/** Wire body -> neutral text generation request; throws a 400 GatewayError naming the field at fault. */
export function decodeCompletionRequest(body: unknown): DecodedCompletion {
  const wire = validateBody(completionRequestSchema, body, '"model" and "prompt"');
  const prompt = decodePrompt(wire.prompt);
  refuseUnsupportedOptions(wire);
  const request: TextGenerationRequest = {
    model: wire.model,
    prompt,
    stopSequences: decodeStop(wire.stop),
    // OpenAI's default of 16 tokens is not applied: only a limit the client chose is passed on.
    ...(wire.max_tokens === null || wire.max_tokens === undefined
      ? {}
      : { maxOutputTokens: wire.max_tokens }),
    sampling: decodeSampling(wire),
  };
  return {
    request,
    fieldNames: {
      // A bare prompt carries no reasoning settings, so reasoning_effort has no effect here.
      ignoredFields: collectIgnoredFields(wire, ['reasoning_effort']),
      settings: snakeCaseSettingNames,
      toolParameters: [],
      imageParts: [],
    },
    stream: wire.stream === true,
    includeUsage: wire.stream_options?.include_usage === true,
  };
}

// The upstream takes one text prompt and gives one generation per call.
function decodePrompt(prompt: unknown): string {
  const invalid = (message: string, code = 'invalid_value') =>
    new GatewayError('invalid_request', message, { param: 'prompt', code });
  if (prompt === undefined || prompt === null) {
    throw invalid('prompt is required.', 'missing_required_parameter');
  }
  const prompts = Array.isArray(prompt) ? prompt : [prompt];
  if (prompts.some((item) => typeof item === 'number' || Array.isArray(item))) {
    throw invalid(
      'prompt contains token ids, but this gateway takes text only; send prompt as a string.',
      'unsupported_value',
    );
  }
  if (prompts.length !== 1) {
    throw invalid(
      `prompt must hold exactly one prompt; got ${prompts.length}. The upstream gives one generation per call, so send one request per prompt.`,
      'unsupported_value',
    );
  }
  const [text] = prompts;
  if (typeof text !== 'string') {
    throw invalid('prompt must be a string or an array of one string.', 'invalid_type');
  }
  if (text === '') throw invalid('prompt must not be empty.');
  return text;
}

// Options whose effect the upstream cannot produce: refused rather than silently dropped.
function refuseUnsupportedOptions(wire: CompletionRequestBody): void {
  const refuse = (param: string, message: string) =>
    new GatewayError('invalid_request', message, { param, code: 'unsupported_value' });
  if (wire.n != null && wire.n !== 1) {
    throw refuse(
      'n',
      `n must be 1; got ${wire.n}. The upstream gives one generation per call, so send separate requests instead.`,
    );
  }
  if (wire.best_of != null && wire.best_of !== 1) {
    throw refuse(
      'best_of',
      `best_of must be 1; got ${wire.best_of}. The upstream gives one generation per call and no scores to pick the best by.`,
    );
  }
  if (wire.suffix != null && wire.suffix !== '') {
    throw refuse(
      'suffix',
      'suffix is not supported: the upstream cannot insert text between a prompt and a suffix. Remove suffix.',
    );
  }
  if (wire.echo === true) {
    throw refuse('echo', 'echo is not supported; remove it and prepend the prompt to the answer yourself.');
  }
  if (wire.logprobs != null) {
    throw refuse(
      'logprobs',
      'logprobs is not supported: the upstream returns no token probabilities. Remove logprobs.',
    );
  }
}
