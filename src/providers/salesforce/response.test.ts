import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import {
  mapFinishReason,
  mapUsage,
  parseChatResponse,
  parseEmbeddingsResponse,
  parseGenerationsResponse,
  toEpochSeconds,
} from './response.ts';

const now = () => 1_760_000_000_000;

const chatBody = {
  id: 'chatcmpl-C3kd91',
  generationDetails: {
    generations: [
      {
        id: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
        role: 'assistant',
        content: '1. Check the contactor. 2. Measure the windings.',
        timestamp: 1760621502318,
        parameters: { finish_reason: 'stop', refusal: null, index: 0, logprobs: null },
        contentQuality: { scanToxicity: { isDetected: false, categories: [] } },
      },
    ],
    parameters: {
      created: 1760621501,
      usage: { completion_tokens: 31, prompt_tokens: 38, total_tokens: 69 },
      model: 'gpt-4o-2024-11-20',
      system_fingerprint: null,
      object: 'chat.completion',
    },
  },
};

describe('parseChatResponse', () => {
  it('reads text, served model, created, finish reason and usage from a chat-generations body', () => {
    expect(parseChatResponse(chatBody, now)).toEqual({
      id: 'chatcmpl-C3kd91',
      generationId: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
      servedModel: 'gpt-4o-2024-11-20',
      created: 1760621501,
      content: [{ type: 'text', text: '1. Check the contactor. 2. Measure the windings.' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 38, outputTokens: 31, totalTokens: 69 },
    });
  });

  it('tolerates missing parameters, using now for created', () => {
    const result = parseChatResponse({ generationDetails: { generations: [{ content: 'hi' }] } }, now);
    expect(result.created).toBe(1_760_000_000);
    expect(result.servedModel).toBe('unknown');
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('refuses a body without generated content, as an upstream error', () => {
    expect(() => parseChatResponse({ id: 'x', generationDetails: { generations: [] } }, now)).toThrow(
      GatewayError,
    );
    expect(() => parseChatResponse({ generatedText: 'wrong endpoint shape' }, now)).toThrow(
      /generations\[0\]\.content/,
    );
  });
});

describe('created from the chat timestamp', () => {
  const withTime = (timestamp: unknown, parameters?: Record<string, unknown>) => ({
    generationDetails: { generations: [{ content: 'hi', timestamp }], ...(parameters ? { parameters } : {}) },
  });
  it.each([
    // timestamp, parameters.created, created
    [1682536893, undefined, 1682536893],
    [1760621502318, undefined, 1760621502],
    [1760621502999, undefined, 1760621502],
    [1760621502318, 1760621501, 1760621501],
    [1760621502, 1760621501000, 1760621501],
    [undefined, undefined, 1_760_000_000],
    ['1760621502', undefined, 1_760_000_000],
    [-5, undefined, 1_760_000_000],
  ])('timestamp %j with created %j gives %i', (timestamp, created, expected) => {
    const parameters = created === undefined ? undefined : { created };
    expect(parseChatResponse(withTime(timestamp, parameters), now).created).toBe(expected);
  });
});

describe('toEpochSeconds', () => {
  it.each([
    [999_999_999_999, 999_999_999_999],
    [1_000_000_000_000, 1_000_000_000],
    [1682536893.7, 1682536893],
    [0, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [null, undefined],
  ])('%s -> %s', (value, expected) => {
    expect(toEpochSeconds(value)).toBe(expected);
  });
});

describe('mapUsage', () => {
  it('reads the camelCase naming some providers use', () => {
    expect(mapUsage({ inputTokenCount: 10, outputTokenCount: 5, totalTokenCount: 15 })).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
    });
  });
  it('derives a missing total', () => {
    expect(mapUsage({ prompt_tokens: 3, completion_tokens: 4 }).totalTokens).toBe(7);
  });
});

describe('mapFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['content_filter', 'content-filter'],
    ['end_turn', 'stop'],
    ['something_new', 'other'],
  ])('maps %s to %s', (raw, unified) => {
    expect(mapFinishReason(raw)).toEqual({ unified, raw });
  });
  it('treats a missing reason as a normal stop', () => {
    expect(mapFinishReason(undefined)).toEqual({ unified: 'stop', raw: null });
  });
});

describe('parseEmbeddingsResponse', () => {
  it('puts vectors in input order by index', () => {
    const result = parseEmbeddingsResponse(
      {
        embeddings: [
          { embedding: [0.2], index: 1 },
          { embedding: [0.1], index: 0 },
        ],
        parameters: { model: 'text-embedding-ada-002', usage: { prompt_tokens: 4, total_tokens: 4 } },
      },
      2,
    );
    expect(result.vectors).toEqual([[0.1], [0.2]]);
    expect(result.servedModel).toBe('text-embedding-ada-002');
    expect(result.usage.inputTokens).toBe(4);
  });
  it('refuses a count mismatch', () => {
    expect(() => parseEmbeddingsResponse({ embeddings: [{ embedding: [1], index: 0 }] }, 2)).toThrow(
      /expected 2/,
    );
  });
});

describe('parseGenerationsResponse', () => {
  it('reads generation.generatedText, the generation id, finish reason and usage', () => {
    const result = parseGenerationsResponse(
      {
        id: 'chatcmpl-B7qA2m',
        generation: {
          id: '5f0c2b6e-8d41-4a9e-b3f7-2c1e90d4a6b8',
          generatedText: 'Welcome aboard, Priya!',
          parameters: { finish_reason: 'length', refusal: null, index: 0, logprobs: null },
        },
        moreGenerations: null,
        prompt: null,
        parameters: {
          created: 1760621431,
          usage: { completion_tokens: 21, prompt_tokens: 27, total_tokens: 48 },
          model: 'gpt-4o-mini-2024-07-18',
          object: 'chat.completion',
        },
      },
      now,
    );
    expect(result).toEqual({
      id: 'chatcmpl-B7qA2m',
      generationId: '5f0c2b6e-8d41-4a9e-b3f7-2c1e90d4a6b8',
      servedModel: 'gpt-4o-mini-2024-07-18',
      created: 1760621431,
      content: [{ type: 'text', text: 'Welcome aboard, Priya!' }],
      finishReason: { unified: 'length', raw: 'length' },
      usage: { inputTokens: 27, outputTokens: 21, totalTokens: 48 },
    });
  });

  it('refuses a chat-shaped body', () => {
    expect(() => parseGenerationsResponse({ generationDetails: { generations: [] } }, now)).toThrow(
      /generatedText/,
    );
  });
});
