import type { FinishReason } from '../../../core/model.ts';

/** Anthropic's stop_reason (and matched stop_sequence) -> the unified finish reason. */
export function mapStopReason(stopReason: unknown, stopSequence: unknown): FinishReason {
  const raw = typeof stopReason === 'string' ? stopReason : null;
  switch (raw) {
    // a message that ends without a stop reason has still ended normally
    case null:
    case 'end_turn':
      return { unified: 'stop', raw };
    case 'stop_sequence':
      return {
        unified: 'stop-sequence',
        raw,
        ...(typeof stopSequence === 'string' ? { stopSequence } : {}),
      };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    default:
      return { unified: 'other', raw };
  }
}
