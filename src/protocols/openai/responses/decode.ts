import type { ChatRequest, ResponseFormat, SamplingSettings } from '../../../core/model.ts';
import { type RequestFieldNames, snakeCaseSettingNames } from '../../shared/request-field-names.ts';
import { validate } from '../../shared/validate.ts';
import { requireObjectBody } from '../../shared/validate-body.ts';
import { collectIgnoredFields } from './collect-ignored-fields.ts';
import { decodeInput } from './decode-input.ts';
import { decodeTools } from './decode-tools.ts';
import type { ResponseEcho } from './encode.ts';
import type { OutputItemLookup } from './output-item-store.ts';
import { refuseStoredState } from './refuse-stored-state.ts';
import { type ResponsesRequestBody, responsesRequestSchema, type WireTextFormat } from './schema.ts';

// `store` policy: the API's default is true, and n8n's OpenAI node sends `store: true` unless the
// user turns it off, while openai-node, LangChain and the Vercel AI SDK send nothing. Refusing
// `store: true` would break n8n out of the box, and nothing is lost by answering: the response
// says `store: false`, the x-sfgw-ignored-params header names `store`, and retrieving a response
// by id answers 404 with the reason. What needs stored state to work at all
// (previous_response_id, conversation, prompt templates, background) is refused. Item references
// are the exception: they resolve to output items this gateway instance produced and still holds
// (output-item-store.ts), and only unknown ones are refused.

/** A decoded Responses call: the neutral request, whether to stream it, and the settings the
 * Response object repeats. */
export interface DecodedResponsesRequest {
  request: ChatRequest;
  /** The request's parts by their wire names, for warnings and errors. */
  fieldNames: RequestFieldNames;
  stream: boolean;
  echo: ResponseEcho;
}

/** `POST /v1/responses` body -> neutral request; throws a 400 GatewayError naming the field at fault.
 * `items` resolves item references; without it every reference is refused. */
export function decodeResponsesRequest(body: unknown, items?: OutputItemLookup): DecodedResponsesRequest {
  const object = requireObjectBody(body, '"model" and "input"');
  // Before the schema: a request that needs stored state is refused for that, not for its shape.
  refuseStoredState(object);
  const wire = validate(responsesRequestSchema, object);
  const { wireTools, ignoredFields: ignoredTools, toolParameterFields, ...tools } = decodeTools(wire);
  const {
    messages,
    ignoredFields: ignoredItems,
    imageParts,
  } = decodeInput(wire.input, wire.instructions, items);
  const request: ChatRequest = {
    model: wire.model,
    messages,
    ...tools,
    parallelToolCalls: wire.parallel_tool_calls ?? true,
    responseFormat: decodeResponseFormat(wire.text?.format),
    stopSequences: [],
    ...(wire.max_output_tokens == null ? {} : { maxOutputTokens: wire.max_output_tokens }),
    sampling: decodeSampling(wire),
    ...decodeReasoning(wire.reasoning),
  };
  const fieldNames: RequestFieldNames = {
    ignoredFields: [...collectIgnoredFields(wire), ...ignoredTools, ...ignoredItems],
    settings: settingNames,
    toolParameters: toolParameterFields,
    responseSchema: 'text.format.schema',
    imageParts,
  };
  return { request, fieldNames, stream: wire.stream === true, echo: encodeEcho(wire, wireTools) };
}

/** The wire name of each neutral setting: the same for every request. */
const settingNames = {
  ...snakeCaseSettingNames,
  maxOutputTokens: 'max_output_tokens',
  reasoning: 'reasoning',
  reasoningEffort: 'reasoning.effort',
} as const;

function decodeResponseFormat(format: WireTextFormat | null | undefined): ResponseFormat {
  if (!format || format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json-object' };
  return {
    type: 'json-schema',
    name: format.name,
    schema: format.schema,
    strict: format.strict === true,
  };
}

// A summary is the only reasoning text the Responses API returns, so asking for one is asking for
// the text; `{effort: null, summary: null}` asks for nothing.
function decodeReasoning(reasoning: ResponsesRequestBody['reasoning']): Pick<ChatRequest, 'reasoning'> {
  if (reasoning?.effort == null && reasoning?.summary == null) return {};
  const effort = reasoning.effort ?? undefined;
  return {
    reasoning: { mode: 'adaptive', ...(effort && { effort }), returnText: reasoning.summary != null },
  };
}

function decodeSampling(wire: ResponsesRequestBody): SamplingSettings {
  const settings: SamplingSettings = {
    temperature: wire.temperature ?? undefined,
    topP: wire.top_p ?? undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** The request settings every Response object repeats, as the client sent them. */
function encodeEcho(wire: ResponsesRequestBody, wireTools: Array<Record<string, unknown>>): ResponseEcho {
  const verbosity = wire.text?.verbosity;
  return {
    instructions: wire.instructions ?? null,
    tools: wireTools,
    tool_choice: wire.tool_choice ?? 'auto',
    parallel_tool_calls: wire.parallel_tool_calls ?? true,
    text: { format: wire.text?.format ?? { type: 'text' }, ...(verbosity ? { verbosity } : {}) },
    temperature: wire.temperature ?? null,
    top_p: wire.top_p ?? null,
    max_output_tokens: wire.max_output_tokens ?? null,
    truncation: wire.truncation ?? 'disabled',
    metadata: wire.metadata ?? null,
    store: false,
    background: false,
    previous_response_id: null,
  };
}
