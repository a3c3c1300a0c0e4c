import { GatewayError } from '../../../core/errors.ts';
import type { ChatRequest, ReasoningEffort, ResponseFormat } from '../../../core/model.ts';
import { type RequestFieldNames, snakeCaseSettingNames } from '../../shared/request-field-names.ts';
import { validateBody } from '../../shared/validate-body.ts';
import { collectIgnoredFields } from '../collect-ignored-fields.ts';
import { decodeSampling, decodeStop } from '../decode-sampling.ts';
import { decodeMessages } from './decode-messages.ts';
import { decodeTools, usesLegacyFunctions } from './decode-tools.ts';
import { type ChatCompletionRequestBody, chatCompletionRequestSchema } from './schema.ts';

/** A decoded chat completions call: the neutral request plus how the client wants it delivered. */
export interface DecodedChatCompletion {
  request: ChatRequest;
  /** The request's parts by their wire names, for warnings and errors. */
  fieldNames: RequestFieldNames;
  stream: boolean;
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  includeUsage: boolean;
  /** The body used `functions` instead of `tools`, so the answer must use the legacy `function_call` shape. */
  legacyFunctions: boolean;
}

/** Wire body -> neutral request; throws a 400 GatewayError naming the field at fault. */
export function decodeChatRequest(body: unknown): ChatRequest {
  return decodeChatCompletionRequest(body).request;
}

/** Like decodeChatRequest, also returning the streaming settings the route needs. */
export function decodeChatCompletionRequest(body: unknown): DecodedChatCompletion {
  const wire = validateBody(chatCompletionRequestSchema, body, '"model" and "messages"');
  if (wire.n !== null && wire.n !== undefined && wire.n !== 1) {
    throw new GatewayError(
      'invalid_request',
      `n must be 1; got ${wire.n}. The upstream produces one generation per call, so send separate requests instead.`,
      { param: 'n', code: 'unsupported_value' },
    );
  }
  const { messages, ignoredFields: ignoredMessageFields, imageParts } = decodeMessages(wire.messages);
  const maxOutputTokens = wire.max_completion_tokens ?? wire.max_tokens;
  const { toolParameterFields, ...tools } = decodeTools(wire);
  const request: ChatRequest = {
    model: wire.model,
    messages,
    ...tools,
    // the legacy protocol carries one function_call per reply, so ask the model for one
    parallelToolCalls: usesLegacyFunctions(wire) ? false : (wire.parallel_tool_calls ?? true),
    responseFormat: decodeResponseFormat(wire.response_format),
    stopSequences: decodeStop(wire.stop),
    ...(maxOutputTokens === null || maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    sampling: decodeSampling(wire),
    ...decodeReasoning(wire.reasoning_effort),
  };
  const fieldNames: RequestFieldNames = {
    ignoredFields: [...collectIgnoredFields(wire), ...ignoredMessageFields],
    // max_tokens is the default name, so only the newer one needs naming apart.
    settings: wire.max_completion_tokens == null ? snakeCaseSettingNames : maxCompletionTokensSettingNames,
    toolParameters: toolParameterFields,
    responseSchema: 'response_format.json_schema.schema',
    imageParts,
    messageContent: nameMessageContent,
  };
  return {
    request,
    fieldNames,
    stream: wire.stream === true,
    includeUsage: wire.stream_options?.include_usage === true,
    legacyFunctions: usesLegacyFunctions(wire),
  };
}

/** The settings' wire names when the token limit came as max_completion_tokens. */
const maxCompletionTokensSettingNames = {
  ...snakeCaseSettingNames,
  maxOutputTokens: 'max_completion_tokens',
} as const;

// Neutral messages are the wire messages one for one.
function nameMessageContent(index: number): string {
  return `messages[${index}].content`;
}

// Chat completions has no field for reasoning text, so none is asked for; the model decides how
// much to think within the effort.
function decodeReasoning(effort: ReasoningEffort | null | undefined): Pick<ChatRequest, 'reasoning'> {
  if (effort == null) return {};
  return { reasoning: { mode: 'adaptive', effort, returnText: false } };
}

function decodeResponseFormat(format: ChatCompletionRequestBody['response_format']): ResponseFormat {
  if (!format || format.type === 'text') return { type: 'text' };
  // a json_schema without its schema (optional in Chat Completions) asks for any JSON object
  if (format.type === 'json_object' || format.json_schema.schema == null) return { type: 'json-object' };
  const { name, strict } = format.json_schema;
  return { type: 'json-schema', name, schema: format.json_schema.schema, strict: strict === true };
}
