import { randomUUID } from 'node:crypto';
import { embedText } from './deterministic-embedding.ts';
import type { ResolvedModel } from './model-registry.ts';
import {
  buildContentQuality,
  buildGenerationParameters,
  buildResponseId,
  buildResponseParameters,
  buildUsage,
  type TokenCounts,
} from './provider-parameters.ts';

/** The unit of a chat generation's `timestamp`: the spec's example is in seconds. */
export type TimestampUnit = 'seconds' | 'milliseconds';

/** What a generation body is built from. */
export interface GenerationInput {
  model: ResolvedModel;
  text: string;
  finishReason: string;
  /** Characters of prompt text sent, for the usage estimate. */
  promptCharacters: number;
  nowMs: number;
  /** Defaults to seconds. */
  timestampUnit?: TimestampUnit;
}

// Every simulated usage figure: one token per four characters, rounded up.
function estimateTokens(characterCount: number): number {
  return Math.ceil(characterCount / 4);
}

function countTokens(input: GenerationInput): TokenCounts {
  return {
    promptTokens: estimateTokens(input.promptCharacters),
    completionTokens: estimateTokens(input.text.length),
  };
}

/** The 200 body of `POST /models/{model}/generations`. */
export function buildGenerationsBody(input: GenerationInput): Record<string, unknown> {
  return {
    id: buildResponseId(input.model),
    generation: {
      id: randomUUID(),
      generatedText: input.text,
      contentQuality: buildContentQuality(input.text),
      parameters: buildGenerationParameters(input.finishReason),
    },
    moreGenerations: null,
    prompt: null,
    parameters: buildResponseParameters(input.model, countTokens(input), input.nowMs),
  };
}

/** The 200 body of `POST /models/{model}/chat-generations`. */
export function buildChatGenerationsBody(input: GenerationInput): Record<string, unknown> {
  return {
    id: buildResponseId(input.model),
    generationDetails: {
      generations: [
        {
          id: randomUUID(),
          role: 'assistant',
          content: input.text,
          timestamp: input.timestampUnit === 'milliseconds' ? input.nowMs : Math.floor(input.nowMs / 1000),
          parameters: buildGenerationParameters(input.finishReason),
          contentQuality: buildContentQuality(input.text),
        },
      ],
      parameters: buildResponseParameters(input.model, countTokens(input), input.nowMs),
    },
  };
}

/** The 200 body of `POST /models/{model}/embeddings`: one deterministic vector per input, in order. */
export function buildEmbeddingsBody(
  model: ResolvedModel,
  inputs: readonly string[],
): Record<string, unknown> {
  const dimensions = model.served.dimensions ?? 1536;
  const promptTokens = inputs.reduce((total, input) => total + estimateTokens(input.length), 0);
  return {
    embeddings: inputs.map((input, index) => ({ embedding: embedText(input, dimensions), index })),
    parameters: {
      model: model.served.providerModel,
      object: 'list',
      usage: buildUsage(model.usageStyle, { promptTokens }),
    },
  };
}
