import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ReasoningSettings, ResponseFormat, SamplingSettings } from '../../core/model.ts';
import { type RequestFieldNames, snakeCaseSettingNames } from '../shared/request-field-names.ts';
import { validateBody } from '../shared/validate-body.ts';
import { collectIgnoredFields } from './collect-ignored-fields.ts';
import { decodeMessages } from './decode-messages.ts';
import { decodeTools } from './decode-tools.ts';
import { countTokensRequestSchema, type MessagesRequestBody, messagesRequestSchema } from './schema.ts';

/** A decoded Messages request and how its wire format names its parts. */
export interface DecodedMessages {
  request: ChatRequest;
  /** The request's parts by their wire names, for warnings and errors. */
  fieldNames: RequestFieldNames;
}

/** A decoded Messages call: the neutral request plus whether the client wants it streamed. */
export interface DecodedMessagesRequest extends DecodedMessages {
  stream: boolean;
}

/** `POST /v1/messages` body -> neutral request; throws a 400 GatewayError naming the field at fault. */
export function decodeMessagesRequest(body: unknown): DecodedMessagesRequest {
  const wire = validateBody(messagesRequestSchema, body, '"model", "max_tokens" and "messages"');
  checkThinkingBudget(wire.thinking, wire.max_tokens);
  return { ...toChatRequest(wire), stream: wire.stream === true };
}

/** `POST /v1/messages/count_tokens` body (no `max_tokens` needed) -> neutral request. */
export function decodeCountTokensRequest(body: unknown): DecodedMessages {
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

/** The wire name of each neutral setting: the same for every request. */
const settingNames = {
  ...snakeCaseSettingNames,
  reasoning: 'thinking',
  reasoningEffort: 'output_config.effort',
} as const;

function toChatRequest(wire: MessagesRequestBody): DecodedMessages {
  const { ignoredFields: ignoredTools, toolParameterFields, ...tools } = decodeTools(wire);
  const { messages, imageParts } = decodeMessages(wire.system, wire.messages);
  const reasoning = decodeReasoning(wire);
  const request: ChatRequest = {
    model: wire.model,
    messages,
    ...tools,
    responseFormat: decodeResponseFormat(wire),
    stopSequences: (wire.stop_sequences ?? []).filter((sequence) => sequence !== ''),
    ...(wire.max_tokens == null ? {} : { maxOutputTokens: wire.max_tokens }),
    sampling: decodeSampling(wire),
    ...(reasoning && { reasoning }),
  };
  const fieldNames: RequestFieldNames = {
    ignoredFields: [...collectIgnoredFields(wire), ...ignoredTools],
    settings: settingNames,
    toolParameters: toolParameterFields,
    imageParts,
    // Thinking that is on carries the effort with it, so both fields go unheeded together.
    ...(reasoning?.mode !== 'disabled' && reasoning?.effort !== undefined
      ? { reasoningFields: ['thinking', 'output_config.effort'] }
      : {}),
    ...(wire.output_config?.format
      ? { responseSchema: 'output_config.format.schema' }
      : wire.output_format
        ? { responseSchema: 'output_format.schema' }
        : {}),
  };
  return { request, fieldNames };
}

// Anthropic's structured outputs guarantee a schema-valid answer, so the emulation must hold the
// answer to the schema strictly too.
function decodeResponseFormat(wire: MessagesRequestBody): ResponseFormat {
  const format = wire.output_config?.format ?? wire.output_format;
  if (!format) return { type: 'text' };
  return { type: 'json-schema', name: 'output', schema: format.schema, strict: true };
}

// output_config.effort also works with thinking off, so it alone makes reasoning settings, with
// thinking disabled. Thinking's text comes back unless `display` omits it.
function decodeReasoning(wire: MessagesRequestBody): ReasoningSettings | undefined {
  const { thinking } = wire;
  const effort = wire.output_config?.effort ?? undefined;
  if (!thinking && effort === undefined) return undefined;
  const withEffort = effort === undefined ? {} : { effort };
  if (!thinking || thinking.type === 'disabled')
    return { mode: 'disabled', ...withEffort, returnText: false };
  const returnText = thinking.display !== 'omitted';
  if (thinking.type === 'adaptive') return { mode: 'adaptive', ...withEffort, returnText };
  return { mode: 'enabled', budgetTokens: thinking.budget_tokens, ...withEffort, returnText };
}

function decodeSampling(wire: MessagesRequestBody): SamplingSettings {
  const settings: SamplingSettings = {
    temperature: wire.temperature ?? undefined,
    topP: wire.top_p ?? undefined,
    topK: wire.top_k ?? undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
