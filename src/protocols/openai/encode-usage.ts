import type { Usage } from '../../core/model.ts';

/** Neutral usage -> OpenAI's `usage` object. */
export function encodeUsage(usage: Usage): Record<string, number> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
  };
}
