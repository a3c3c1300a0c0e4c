import type { Usage } from '../../../core/model.ts';
import { asCount, asJsonObject } from '../shared/as-json-object.ts';

/** Reads a Response's `usage`; the total falls back to input + output when the upstream omits it. */
export function mapUsage(raw: unknown): Usage {
  const usage = asJsonObject(raw);
  const inputTokens = asCount(usage?.input_tokens);
  const outputTokens = asCount(usage?.output_tokens);
  const total = asCount(usage?.total_tokens);
  return { inputTokens, outputTokens, totalTokens: total || inputTokens + outputTokens };
}
