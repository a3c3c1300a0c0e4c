import type { Usage } from '../../../core/model.ts';
import { asCount, asJsonObject } from '../shared/as-json-object.ts';

/** Anthropic usage -> neutral usage. Input counts cached tokens too: Anthropic reports cache
 * reads and writes apart from `input_tokens`, and all three make up the prompt. */
export function mapBedrockUsage(raw: unknown): Usage {
  const usage = asJsonObject(raw);
  const inputTokens =
    asCount(usage?.input_tokens) +
    asCount(usage?.cache_creation_input_tokens) +
    asCount(usage?.cache_read_input_tokens);
  const outputTokens = asCount(usage?.output_tokens);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
