import type { ChatResult, FinishReason } from '../../../core/model.ts';
import { encodeUsage } from '../encode-usage.ts';

/** A legacy completion's finish reason. */
export type TextFinishReason = 'stop' | 'length' | 'content_filter';

/** Neutral result -> `text_completion` body; `model` echoes the name the client asked for. */
export function encodeCompletionResponse(
  result: ChatResult,
  requestedModel: string,
): Record<string, unknown> {
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return {
    id: encodeTextCompletionId(result.id),
    object: 'text_completion',
    created: result.created,
    model: requestedModel,
    choices: [{ text, index: 0, logprobs: null, finish_reason: mapTextFinishReason(result.finishReason) }],
    usage: encodeUsage(result.usage),
  };
}

/** The wire id of a legacy completion: `cmpl-` plus the upstream id (its own `chatcmpl-` dropped). */
export function encodeTextCompletionId(resultId: string): string {
  if (resultId.startsWith('cmpl-')) return resultId;
  return `cmpl-${resultId.startsWith('chatcmpl-') ? resultId.slice('chatcmpl-'.length) : resultId}`;
}

/** Unified finish reason -> legacy completions'; there are no tool calls on this endpoint. */
export function mapTextFinishReason(reason: FinishReason): TextFinishReason {
  if (reason.unified === 'length') return 'length';
  if (reason.unified === 'content-filter') return 'content_filter';
  return 'stop';
}
