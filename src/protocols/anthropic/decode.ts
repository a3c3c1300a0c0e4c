import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ResponseFormat, SamplingSettings } from '../../core/model.ts';
import { validateBody } from '../shared/validate-body.ts';
import { collectIgnoredFields } from './collect-ignored-fields.ts';
import { decodeMessages } from './decode-messages.ts';
import { decodeTools } from './decode-tools.ts';
import { countTokensRequestSchema, type MessagesRequestBody, messagesRequestSchema } from './schema.ts';

/** A decoded Messages call: the neutral request plus whether the client wants it streamed. */
export interface DecodedMessagesRequest {
  request: ChatRequest;
  stream: boolean;
}

/** `POST /v1/messages` body -> neutral request; throws a 400 GatewayError naming the field at fault. */
export function decodeMessagesRequest(body: unknown): DecodedMessagesRequest {
  const wire = validateBody(messagesRequestSchema, body, '"model", "max_tokens" and "messages"');
  checkThinkingBudget(wire.thinking, wire.max_tokens);
  return { request: toChatRequest(wire), stream: wire.stream === true };
}

/** `POST /v1/messages/count_tokens` body (no `max_tokens` needed) -> neutral request. */
export function decodeCountTokensRequest(body: unknown): ChatRequest {
  return toChatRequest(validateBody(countTokensRequestSchema, body, '"model" and "messages"'));
}

// The budget is part of max_tokens, so it must leave room for the answer.
function checkThinkingBudget(thinking: MessagesRequestBody['thinking'], maxTokens: number): void {
  if (thinking?.type !== 'enabled' || thinking.budget_tokens < maxTokens) return;
  throw new GatewayError(
    'invalid_request',
    `thinking.budget_tokens must be less than max_tokens; got ${thinking.budget_tokens} with max_tokens ${maxTokens}. Raise max_tokens or lower the budget.`,
    { param: 'thinking.budget_tokens', code: 'invalid_value' },
  );
}

function toChatRequest(wire: MessagesRequestBody): ChatRequest {
  const { ignoredFields: ignoredTools, ...tools } = decodeTools(wire);
  return {
    model: wire.model,
    messages: decodeMessages(wire.system, wire.messages),
    ...tools,
    responseFormat: decodeResponseFormat(wire),
    stopSequences: (wire.stop_sequences ?? []).filter((sequence) => sequence !== ''),
    ...(wire.max_tokens == null ? {} : { maxOutputTokens: wire.max_tokens }),
    sampling: decodeSampling(wire),
    ignoredFields: [...collectIgnoredFields(wire), ...ignoredTools],
  };
}

// Anthropic's structured outputs guarantee a schema-valid answer, so the emulation must hold the
// answer to the schema strictly too.
function decodeResponseFormat(wire: MessagesRequestBody): ResponseFormat {
  const format = wire.output_config?.format ?? wire.output_format;
  if (!format) return { type: 'text' };
  const formatField = wire.output_config?.format ? 'output_config.format' : 'output_format';
  return {
    type: 'json-schema',
    name: 'output',
    schema: format.schema,
    strict: true,
    schemaField: `${formatField}.schema`,
  };
}

function decodeSampling(wire: MessagesRequestBody): SamplingSettings {
  const settings: SamplingSettings = {
    temperature: wire.temperature ?? undefined,
    topP: wire.top_p ?? undefined,
    topK: wire.top_k ?? undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
