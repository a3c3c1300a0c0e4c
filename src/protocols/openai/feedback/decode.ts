import { z } from 'zod';
import { GatewayError } from '../../../core/errors.ts';
import type { FeedbackRequest } from '../../../core/model.ts';
import { validateBody } from '../../shared/validate-body.ts';

// `POST /v1/feedback` is a gateway extension, not an OpenAI endpoint. It takes the fields of
// Salesforce's feedback body under OpenAI-style snake_case names and, so that a body written for
// Salesforce works unchanged, under Salesforce's camelCase names too.
//
// `generation_id` is the upstream's generation id, which is not the response id: the gateway's
// `chatcmpl-…`/`cmpl-…` ids carry the upstream *response* id. The generation id reaches clients in
// the `x-sfgw-generation-id` header of non-streaming chat and completions answers. The upstream
// validates neither id, so whatever the client sends is forwarded unchanged.

const optionalText = z.string().nullish();

/** The feedback body; each field may come snake_case or camelCase. */
export const feedbackRequestSchema = z.looseObject({
  id: z.string().min(1),
  generation_id: z.string().min(1).nullish(),
  generationId: z.string().min(1).nullish(),
  feedback: optionalText,
  feedback_text: optionalText,
  feedbackText: optionalText,
  source: optionalText,
  app_feedback: z.record(z.string(), z.unknown()).nullish(),
  appFeedback: z.record(z.string(), z.unknown()).nullish(),
  app_generation_id: optionalText,
  appGenerationId: optionalText,
  app_generation: optionalText,
  appGeneration: optionalText,
});

/** Wire body -> neutral feedback request; throws a 400 GatewayError naming the field at fault. */
export function decodeFeedbackRequest(body: unknown): FeedbackRequest {
  const wire = validateBody(feedbackRequestSchema, body, '"id" and "generation_id"');
  const generationId = pickSpelling('generation_id', wire.generation_id, 'generationId', wire.generationId);
  if (generationId === undefined) {
    throw new GatewayError(
      'invalid_request',
      'generation_id is required: the id of the generation the feedback is about (the x-sfgw-generation-id response header).',
      { param: 'generation_id', code: 'missing_required_parameter' },
    );
  }
  return {
    id: wire.id,
    generationId,
    feedback: wire.feedback ?? undefined,
    feedbackText: pickSpelling('feedback_text', wire.feedback_text, 'feedbackText', wire.feedbackText),
    source: wire.source ?? undefined,
    appFeedback: pickSpelling('app_feedback', wire.app_feedback, 'appFeedback', wire.appFeedback),
    appGenerationId: pickSpelling(
      'app_generation_id',
      wire.app_generation_id,
      'appGenerationId',
      wire.appGenerationId,
    ),
    appGeneration: pickSpelling('app_generation', wire.app_generation, 'appGeneration', wire.appGeneration),
  };
}

// A body that spells one field both ways with different values is ambiguous: refuse it.
function pickSpelling<Value>(
  snakeName: string,
  snakeValue: Value | null | undefined,
  camelName: string,
  camelValue: Value | null | undefined,
): Value | undefined {
  const snake = snakeValue ?? undefined;
  const camel = camelValue ?? undefined;
  if (snake !== undefined && camel !== undefined && JSON.stringify(snake) !== JSON.stringify(camel)) {
    throw new GatewayError(
      'invalid_request',
      `${snakeName} and ${camelName} are one field spelt two ways, sent with different values; send only one.`,
      { param: snakeName, code: 'invalid_value' },
    );
  }
  return snake ?? camel;
}
