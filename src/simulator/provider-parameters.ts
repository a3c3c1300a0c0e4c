import { randomBytes } from 'node:crypto';
import type { ResolvedModel, UsageStyle } from './model-registry.ts';
import { hashText, seededRandom } from './text-hash.ts';

/** Token counts behind a `usage` object. */
export interface TokenCounts {
  promptTokens: number;
  /** Absent for embeddings. */
  completionTokens?: number;
}

const toxicityCategories = ['identity', 'hate', 'profanity', 'violence', 'sexual', 'physical'];

/** `usage` in the model's naming: OpenAI snake_case with detail blocks, camelCase counts, or null. */
export function buildUsage(style: UsageStyle, counts: TokenCounts): Record<string, unknown> | null {
  if (style === 'none') return null;
  const { promptTokens, completionTokens } = counts;
  const totalTokens = promptTokens + (completionTokens ?? 0);
  if (style === 'camelCase') {
    if (completionTokens === undefined)
      return { inputTokenCount: promptTokens, totalTokenCount: totalTokens };
    return {
      inputTokenCount: promptTokens,
      outputTokenCount: completionTokens,
      totalTokenCount: totalTokens,
    };
  }
  if (completionTokens === undefined) return { prompt_tokens: promptTokens, total_tokens: totalTokens };
  return {
    completion_tokens: completionTokens,
    prompt_tokens: promptTokens,
    total_tokens: totalTokens,
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  };
}

/** The response-level provider map (`parameters` / `generationDetails.parameters`). */
export function buildResponseParameters(
  model: ResolvedModel,
  counts: TokenCounts,
  nowMs: number,
): Record<string, unknown> {
  const { family, providerModel } = model.served;
  return {
    created: Math.floor(nowMs / 1000),
    usage: buildUsage(model.usageStyle, counts),
    model: providerModel,
    system_fingerprint:
      family === 'openai' ? `fp_${hashText(providerModel).toString(16).padStart(8, '0')}` : null,
    object: 'chat.completion',
  };
}

/** The per-generation provider map. */
export function buildGenerationParameters(finishReason: string): Record<string, unknown> {
  return { finish_reason: finishReason, refusal: null, index: 0, logprobs: null };
}

/** The Trust Layer toxicity scan: never detected, with small scores derived from the text. */
export function buildContentQuality(text: string): Record<string, unknown> {
  const random = seededRandom(hashText(text));
  const categories = toxicityCategories.map((categoryName) => ({
    categoryName,
    score: Math.round(random() * 20) / 100_000,
  }));
  return { scanToxicity: { isDetected: false, categories } };
}

/** A provider response id: `chatcmpl-…` for OpenAI-backed models, a random hex id otherwise. */
export function buildResponseId(model: ResolvedModel): string {
  if (model.served.family === 'openai')
    return `chatcmpl-${randomBytes(22).toString('base64url').slice(0, 29)}`;
  return randomBytes(16).toString('hex');
}
