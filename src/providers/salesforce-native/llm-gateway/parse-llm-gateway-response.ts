import { randomUUID } from 'node:crypto';
import type { ChatResult, TextPart, ToolCallPart } from '../../../core/model.ts';
import { mapFinishReason, mapUsage } from '../../salesforce/response.ts';
import { asJsonObject, asNonEmptyString } from '../shared/as-json-object.ts';
import { readNativeErrorBody } from '../shared/read-native-error-body.ts';
import { malformedAnswer } from './malformed-answer.ts';
import { mapTimestamp } from './map-timestamp.ts';
import { mapUpstreamError } from './map-upstream-error.ts';
import { parseGatewayToolArguments } from './parse-tool-arguments.ts';

/** Reads a whole /chat/generations answer (`generation_details.generations[0]`); a body that is
 * an error in a 200 (`errorCode`/`message`, `errors[]`) throws it as a GatewayError. */
export function parseLlmGatewayResponse(body: unknown, now: () => number): ChatResult {
  const details = asJsonObject(asJsonObject(body)?.generation_details);
  if (!details) {
    const report = readNativeErrorBody(body);
    throw report ? mapUpstreamError(report) : malformedAnswer('generation_details is missing');
  }
  const generations = Array.isArray(details.generations) ? details.generations : [];
  const generation = asJsonObject(generations[0]);
  if (!generation) throw malformedAnswer('generation_details.generations[0] is missing');
  const parameters = asJsonObject(details.parameters);
  const toolCalls = mapToolInvocations(generation.tool_invocations);
  const text = typeof generation.content === 'string' ? generation.content : '';
  const content: Array<TextPart | ToolCallPart> = text === '' ? [] : [{ type: 'text', text }];
  const generationId = asNonEmptyString(generation.id);
  return {
    id: asNonEmptyString(asJsonObject(body)?.id) ?? generationId ?? randomUUID(),
    ...(generationId === undefined ? {} : { generationId }),
    servedModel: asNonEmptyString(parameters?.model) ?? 'unknown',
    created: mapTimestamp([parameters?.created, generation.timestamp], now),
    content: [...content, ...toolCalls],
    finishReason: mapFinishReason(asJsonObject(generation.parameters)?.finish_reason, toolCalls.length > 0),
    usage: mapUsage(parameters?.usage),
  };
}

function mapToolInvocations(raw: unknown): ToolCallPart[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((entry, position) => {
    const invocation = asJsonObject(entry);
    const call = asJsonObject(invocation?.function);
    const name = asNonEmptyString(call?.name);
    if (name === undefined) throw malformedAnswer(`tool_invocations[${position}] has no function name`);
    return {
      type: 'tool-call',
      // A call without an id still needs one: the client sends its result back under it.
      id: asNonEmptyString(invocation?.id) ?? `call_${randomUUID()}`,
      name,
      arguments: parseGatewayToolArguments(call?.arguments, name),
    };
  });
}
