import type { Usage } from '../../../core/model.ts';
import { asJsonObject } from '../shared/as-json-object.ts';

/** Anthropic usage -> neutral usage. Input counts cached tokens too: Anthropic reports cache
 * reads and writes apart from `input_tokens`, and all three make up the prompt. */
export function mapBedrockUsage(raw: unknown): Usage {
  const usage = asJsonObject(raw);
  const inputTokens =
    count(usage?.input_tokens) +
    count(usage?.cache_creation_input_tokens) +
    count(usage?.cache_read_input_tokens);
  const outputTokens = count(usage?.output_tokens);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** A token count, or 0 when the value is not a non-negative number. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
