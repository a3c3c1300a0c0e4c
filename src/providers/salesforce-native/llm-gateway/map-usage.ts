import type { Usage } from '../../../core/model.ts';
import { asJsonObject } from '../shared/as-json-object.ts';

// The gateway passes the provider's own usage keys through, so each model family spells them
// differently: OpenAI snake_case, Bedrock Claude camelCase, Vertex Gemini "…TokenCount".
const inputKeys = ['prompt_tokens', 'inputTokens', 'inputTokenCount'];
const outputKeys = ['completion_tokens', 'outputTokens', 'outputTokenCount'];
const totalKeys = ['total_tokens', 'totalTokens', 'totalTokenCount'];

/** Reads token counts in any of the three spellings; a missing total is the sum. */
export function mapUsage(raw: unknown): Usage {
  const usage = asJsonObject(raw);
  const inputTokens = readCount(usage, inputKeys);
  const outputTokens = readCount(usage, outputKeys);
  const totalTokens = readCount(usage, totalKeys) || inputTokens + outputTokens;
  return { inputTokens, outputTokens, totalTokens };
}

/** True when `raw` carries at least one token count (a stream's usage is null until a late chunk). */
export function hasUsage(raw: unknown): boolean {
  const usage = asJsonObject(raw);
  return [...inputKeys, ...outputKeys, ...totalKeys].some((key) => isCount(usage?.[key]));
}

function readCount(usage: Record<string, unknown> | undefined, keys: string[]): number {
  for (const key of keys) {
    const value = usage?.[key];
    if (isCount(value)) return value;
  }
  return 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
