import type { Usage } from '../../../core/model.ts';
import { asJsonObject } from '../shared/as-json-object.ts';

/** Reads a Response's `usage`; the total falls back to input + output when the upstream omits it. */
export function mapUsage(raw: unknown): Usage {
  const usage = asJsonObject(raw);
  const inputTokens = count(usage?.input_tokens);
  const outputTokens = count(usage?.output_tokens);
  const total = count(usage?.total_tokens);
  return { inputTokens, outputTokens, totalTokens: total || inputTokens + outputTokens };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
