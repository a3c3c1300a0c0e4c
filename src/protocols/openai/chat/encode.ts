import type { ChatResult, FinishReason, ToolCallPart } from '../../../core/model.ts';
import { encodeToolArguments } from '../encode-tool-arguments.ts';
import { encodeUsage } from '../encode-usage.ts';

/** How the client expects the answer to be shaped. */
export interface ChatResponseOptions {
  /** Answer with the legacy `function_call` instead of `tool_calls` (the request sent `functions`). */
  legacyFunctions?: boolean;
}

/** Neutral result -> `chat.completion` body; `model` echoes the name the client asked for. */
export function encodeChatResponse(
  result: ChatResult,
  requestedModel: string,
  options: ChatResponseOptions = {},
): Record<string, unknown> {
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const toolCalls = result.content.filter((part) => part.type === 'tool-call');
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  const [firstCall] = toolCalls;
  // The legacy protocol has room for one call per reply, so any further calls are dropped.
  if (options.legacyFunctions && firstCall) message.function_call = encodeFunctionCall(firstCall);
  else if (toolCalls.length > 0) message.tool_calls = toolCalls.map(encodeToolCall);
  const finishReason = mapFinishReason(result.finishReason, options);
  return {
    id: encodeCompletionId(result.id),
    object: 'chat.completion',
    created: result.created,
    model: requestedModel,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: encodeUsage(result.usage),
  };
}

/** Unified finish reason -> OpenAI's; a matched stop sequence is a plain `stop` there. */
export function mapFinishReason(
  reason: FinishReason,
  options: ChatResponseOptions = {},
): 'stop' | 'length' | 'tool_calls' | 'function_call' | 'content_filter' {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return options.legacyFunctions ? 'function_call' : 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** The wire id of a completion: OpenAI ids start with `chatcmpl-`. */
export function encodeCompletionId(resultId: string): string {
  return resultId.startsWith('chatcmpl-') ? resultId : `chatcmpl-${resultId}`;
}

function encodeToolCall(call: ToolCallPart): Record<string, unknown> {
  if (call.freeform)
    return { id: call.id, type: 'custom', custom: { name: call.name, input: String(call.arguments) } };
  return { id: call.id, type: 'function', function: encodeFunctionCall(call) };
}

function encodeFunctionCall(call: ToolCallPart): { name: string; arguments: string } {
  return { name: call.name, arguments: encodeToolArguments(call.arguments) };
}
