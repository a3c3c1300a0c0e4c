import type {
  ChatRequest,
  RequestSetting,
  ResponseFormat,
  SamplingSettings,
  Warning,
} from '../../../core/model.ts';
import type { BuiltNativeRequest } from '../native-route.ts';
import { mapInputItems } from './map-input-items.ts';
import { mapReasoning } from './map-reasoning.ts';
import { mapToolChoice, mapTools } from './map-tools.ts';

// Sampling settings with no Responses field at all: reported, never sent.
const unsupportedSampling: Array<keyof SamplingSettings & RequestSetting> = [
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
];

/**
 * The body of POST /responses. Always `store: false`: the gateway sends the whole history on
 * every call and must not leave conversations stored upstream.
 */
export function buildResponsesRequest(request: ChatRequest, stream: boolean): BuiltNativeRequest {
  const { reasoning, sampling, warnings } = mapReasoning(request.reasoning, request.sampling);
  const ignored: Warning[] = unsupportedSampling
    .filter((setting) => request.sampling[setting] !== undefined)
    .map((setting) => ({ type: 'ignored-setting', setting }));
  const format = mapResponseFormat(request.responseFormat);
  const body: Record<string, unknown> = {
    model: request.model,
    input: mapInputItems(request.messages),
    stream,
    store: false,
    ...(request.maxOutputTokens === undefined ? {} : { max_output_tokens: request.maxOutputTokens }),
    ...sampling,
    ...(request.tools.length === 0
      ? {}
      : {
          tools: mapTools(request.tools),
          tool_choice: mapToolChoice(request.toolChoice, request.tools),
          parallel_tool_calls: request.parallelToolCalls,
        }),
    ...(format ? { text: { format } } : {}),
    ...(reasoning ? { reasoning } : {}),
  };
  return { body, warnings: [...warnings, ...ignored] };
}

function mapResponseFormat(format: ResponseFormat): Record<string, unknown> | undefined {
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json-object':
      return { type: 'json_object' };
    case 'json-schema':
      return { type: 'json_schema', name: format.name, schema: format.schema, strict: format.strict };
  }
}
