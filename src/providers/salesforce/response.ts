import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../core/errors.ts';
import type { ChatResult, EmbeddingResult, FinishReason, Usage } from '../../core/model.ts';

type JsonObject = Record<string, unknown>;

/** Reads a chat-generations answer: text is generationDetails.generations[0].content. */
export function parseChatResponse(body: JsonObject, now: () => number): ChatResult {
  const details = asObject(body.generationDetails);
  const generations = Array.isArray(details?.generations) ? details.generations : [];
  const generation = asObject(generations[0]);
  if (!generation || typeof generation.content !== 'string') {
    throw malformed('generationDetails.generations[0].content is missing');
  }
  return buildResult(body, generation, generation.content, asObject(details?.parameters), now);
}

/** Reads a generations answer: text is generation.generatedText. */
export function parseGenerationsResponse(body: JsonObject, now: () => number): ChatResult {
  const generation = asObject(body.generation);
  if (!generation || typeof generation.generatedText !== 'string') {
    throw malformed('generation.generatedText is missing');
  }
  return buildResult(body, generation, generation.generatedText, asObject(body.parameters), now);
}

// Both endpoints carry the same pieces in different places: the response id, the generation
// (its id and finish reason) and the provider parameters (model, created, usage).
function buildResult(
  body: JsonObject,
  generation: JsonObject,
  text: string,
  parameters: JsonObject | undefined,
  now: () => number,
): ChatResult {
  return {
    // a minted id only when Salesforce gave none, not one per answer thrown away
    id: nonEmptyString(body.id) ?? nonEmptyString(generation.id) ?? randomUUID(),
    ...(typeof generation.id === 'string' ? { generationId: generation.id } : {}),
    servedModel: stringOr(parameters?.model, 'unknown'),
    created:
      toEpochSeconds(parameters?.created) ?? toEpochSeconds(generation.timestamp) ?? Math.floor(now() / 1000),
    content: text === '' ? [] : [{ type: 'text', text }],
    finishReason: mapFinishReason(asObject(generation.parameters)?.finish_reason),
    usage: mapUsage(parameters?.usage),
  };
}

/** Above this an epoch time is in milliseconds (10^12 s is the year 33658; 10^12 ms is 2001). */
export const epochMillisecondsThreshold = 1e12;

/** Reads an epoch time given in seconds or milliseconds (the spec states no unit for
 * `timestamp`; its one example is seconds) as whole seconds; anything else gives undefined. */
export function toEpochSeconds(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.floor(value >= epochMillisecondsThreshold ? value / 1000 : value);
}

/** Reads an embeddings answer; vectors are put back in input order by their index. */
export function parseEmbeddingsResponse(body: JsonObject, inputCount: number): EmbeddingResult {
  const embeddings = Array.isArray(body.embeddings) ? body.embeddings : [];
  const vectors: number[][] = new Array(inputCount);
  embeddings.forEach((entry, position) => {
    const item = asObject(entry);
    const index = typeof item?.index === 'number' ? item.index : position;
    if (Array.isArray(item?.embedding)) vectors[index] = item.embedding as number[];
  });
  if (Array.from(vectors).some((vector) => vector === undefined)) {
    throw malformed(`expected ${inputCount} embeddings, got ${embeddings.length}`);
  }
  const parameters = asObject(body.parameters);
  return { servedModel: stringOr(parameters?.model, 'unknown'), vectors, usage: mapUsage(parameters?.usage) };
}

/** Maps a finish reason in any provider's words (OpenAI, Claude, Gemini's upper case) to the
 * unified one. A reason that says "stop" while tool calls came is read as tool-calls, since
 * clients only run tools on that reason and some providers (Gemini) never say it. */
export function mapFinishReason(raw: unknown, madeToolCalls = false): FinishReason {
  const value = typeof raw === 'string' && raw !== '' ? raw : null;
  switch (value?.toLowerCase()) {
    case 'tool_calls':
    case 'tool_use':
    case 'function_call':
      return { unified: 'tool-calls', raw: value };
    case undefined:
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
      return { unified: madeToolCalls ? 'tool-calls' : 'stop', raw: value };
    case 'length':
    case 'max_tokens':
      return { unified: 'length', raw: value };
    case 'content_filter':
    case 'safety':
    case 'recitation':
    case 'blocklist':
    case 'prohibited_content':
      return { unified: 'content-filter', raw: value };
    default:
      return { unified: 'other', raw: value };
  }
}

// Salesforce passes the provider's own usage keys through (on the Models API and the native LLM
// gateway alike), so each model family spells them differently: OpenAI snake_case, Bedrock
// Claude camelCase, Vertex Gemini "…TokenCount".
const inputKeys = ['prompt_tokens', 'inputTokens', 'inputTokenCount'];
const outputKeys = ['completion_tokens', 'outputTokens', 'outputTokenCount'];
const totalKeys = ['total_tokens', 'totalTokens', 'totalTokenCount'];

/** Reads token counts in any of the three spellings; a missing total is the sum. */
export function mapUsage(raw: unknown): Usage {
  const usage = asObject(raw);
  const inputTokens = readCount(usage, inputKeys);
  const outputTokens = readCount(usage, outputKeys);
  const totalTokens = readCount(usage, totalKeys) || inputTokens + outputTokens;
  return { inputTokens, outputTokens, totalTokens };
}

/** True when `raw` carries at least one token count (a stream's usage is null until a late chunk). */
export function hasUsage(raw: unknown): boolean {
  const usage = asObject(raw);
  return [...inputKeys, ...outputKeys, ...totalKeys].some((key) => isCount(usage?.[key]));
}

function readCount(usage: JsonObject | undefined, keys: string[]): number {
  for (const key of keys) {
    const value = usage?.[key];
    if (isCount(value)) return value;
  }
  return 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function asObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return nonEmptyString(value) ?? fallback;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function malformed(reason: string): GatewayError {
  return new GatewayError('upstream_error', `Salesforce sent an answer the gateway cannot read: ${reason}.`, {
    retryable: false,
  });
}
