import type {
  ChatResult,
  FinishReason,
  ModelInfo,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  Usage,
} from '../../core/model.ts';

/** Anthropic's reasons for ending a message, as far as the neutral reasons can express them. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** Where to start and how much to return of the Anthropic-shaped model list. */
export interface ModelListPage {
  limit?: number;
  afterId?: string;
  beforeId?: string;
}

const defaultPageSize = 20;
const maxPageSize = 1000;

/** Neutral result -> Messages API `message`; `model` echoes the name the client asked for. Empty
 * text parts are left out, so an empty answer is `content: []` with end_turn, as Anthropic sends it. */
export function encodeMessageResponse(result: ChatResult, requestedModel: string): Record<string, unknown> {
  const content = result.content.flatMap((part) => {
    if (part.type === 'text') return part.text === '' ? [] : [encodeTextBlock(part)];
    if (part.type === 'reasoning') return [encodeThinkingBlock(part)];
    return [encodeToolUseBlock(part)];
  });
  return {
    id: encodeMessageId(result.id),
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    ...encodeStopReason(result.finishReason),
    usage: encodeUsage(result.usage),
  };
}

/** Reasoning -> a `thinking` block, or `redacted_thinking` when the upstream withheld the text. */
export function encodeThinkingBlock(part: ReasoningPart): Record<string, unknown> {
  if (part.redactedData !== undefined) return { type: 'redacted_thinking', data: part.redactedData };
  return { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
}

/** The wire id of a message: Anthropic ids start with `msg_`. */
export function encodeMessageId(resultId: string): string {
  return resultId.startsWith('msg_') ? resultId : `msg_${resultId}`;
}

/** Unified finish reason -> `stop_reason` and `stop_sequence` (the matched sequence, else null). */
export function encodeStopReason(reason: FinishReason): {
  stop_reason: StopReason;
  stop_sequence: string | null;
} {
  const stopSequence = reason.unified === 'stop-sequence' ? (reason.stopSequence ?? null) : null;
  return { stop_reason: mapStopReason(reason), stop_sequence: stopSequence };
}

/** Neutral usage -> Anthropic's `usage`; the gateway has no prompt cache, so cache counts are 0. */
export function encodeUsage(usage: Usage): Record<string, number> {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

/** Tool input is an object on the wire; a call without arguments gets `{}`. */
export function encodeToolInput(toolArguments: unknown): unknown {
  return toolArguments ?? {};
}

/** `GET /v1/models` in Anthropic's paged shape. Models keep the catalog's order; an unknown
 * cursor yields an empty page. */
export function encodeAnthropicModelList(
  models: ModelInfo[],
  createdAt: string,
  page: ModelListPage,
): Record<string, unknown> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? defaultPageSize), 1), maxPageSize);
  const ids = models.map((model) => model.id);
  let start = 0;
  let end = models.length;
  if (page.afterId !== undefined) {
    start = ids.indexOf(page.afterId) === -1 ? models.length : ids.indexOf(page.afterId) + 1;
    end = Math.min(start + limit, models.length);
  } else if (page.beforeId !== undefined) {
    end = Math.max(ids.indexOf(page.beforeId), 0);
    start = Math.max(end - limit, 0);
  } else {
    end = Math.min(limit, models.length);
  }
  const data = models.slice(start, end).map((model) => encodeAnthropicModel(model, createdAt));
  const hasMore = page.beforeId !== undefined ? start > 0 : end < models.length;
  return {
    data,
    has_more: hasMore,
    first_id: data.length > 0 ? ids[start] : null,
    last_id: data.length > 0 ? ids[end - 1] : null,
  };
}

/** One model in Anthropic's shape; `createdAt` is an RFC 3339 timestamp. */
export function encodeAnthropicModel(model: ModelInfo, createdAt: string): Record<string, unknown> {
  return { id: model.id, type: 'model', display_name: model.label, created_at: createdAt };
}

function mapStopReason(reason: FinishReason): StopReason {
  switch (reason.unified) {
    case 'tool-calls':
      return 'tool_use';
    case 'stop-sequence':
      return 'stop_sequence';
    case 'length':
      return 'max_tokens';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

function encodeTextBlock(part: TextPart): Record<string, unknown> {
  return { type: 'text', text: part.text };
}

function encodeToolUseBlock(part: ToolCallPart): Record<string, unknown> {
  return { type: 'tool_use', id: part.id, name: part.name, input: encodeToolInput(part.arguments) };
}
