import type { ChatResult, FinishReason, ModelInfo, ToolCallPart, Usage } from '../../core/model.ts';

/** Neutral result -> `chat.completion` body; `model` echoes the name the client asked for. */
export function encodeChatResponse(result: ChatResult, requestedModel: string): Record<string, unknown> {
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const toolCalls = result.content.filter((part) => part.type === 'tool-call');
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls.map(encodeToolCall);
  return {
    id: encodeCompletionId(result.id),
    object: 'chat.completion',
    created: result.created,
    model: requestedModel,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapFinishReason(result.finishReason) }],
    usage: encodeUsage(result.usage),
  };
}

/** `GET /v1/models` body. */
export function encodeModelList(models: ModelInfo[], created: number): Record<string, unknown> {
  return { object: 'list', data: models.map((model) => encodeModel(model, created)) };
}

/** One model object; `name` is an extra that Open WebUI shows as the display name. */
export function encodeModel(model: ModelInfo, created: number): Record<string, unknown> {
  return { id: model.id, object: 'model', created, owned_by: model.ownedBy, name: model.label };
}

/** Unified finish reason -> OpenAI's; a matched stop sequence is a plain `stop` there. */
export function mapFinishReason(reason: FinishReason): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
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

/** Neutral usage -> OpenAI's `usage` object. */
export function encodeUsage(usage: Usage): Record<string, number> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
  };
}

/** Parsed arguments -> the JSON string OpenAI carries; a call without arguments sends `{}`. */
export function encodeToolArguments(toolArguments: unknown): string {
  return JSON.stringify(toolArguments ?? {});
}

function encodeToolCall(call: ToolCallPart): Record<string, unknown> {
  return {
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: encodeToolArguments(call.arguments) },
  };
}
