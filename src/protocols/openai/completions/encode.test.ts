import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { encodeCompletionResponse, encodeTextCompletionId, mapTextFinishReason } from './encode.ts';

const result: ChatResult = {
  id: 'chatcmpl-Up42',
  generationId: '5f0c2b6e-8d41-4a9e-b3f7-2c1e90d4a6b8',
  servedModel: 'gpt-4o-mini-2024-07-18',
  created: 1_760_621_431,
  content: [
    { type: 'text', text: 'there was ' },
    { type: 'text', text: 'a gateway.' },
  ],
  finishReason: { unified: 'length', raw: 'length' },
  usage: { inputTokens: 4, outputTokens: 5, totalTokens: 9 },
};

describe('encodeCompletionResponse', () => {
  it('answers a text_completion echoing the requested model', () => {
    expect(encodeCompletionResponse(result, 'my-model')).toEqual({
      id: 'cmpl-Up42',
      object: 'text_completion',
      created: 1_760_621_431,
      model: 'my-model',
      choices: [{ text: 'there was a gateway.', index: 0, logprobs: null, finish_reason: 'length' }],
      usage: { prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 },
    });
  });

  it('answers an empty generation with empty text', () => {
    const body = encodeCompletionResponse({ ...result, content: [] }, 'my-model');
    expect(body.choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'length' }]);
  });
});

describe('encodeTextCompletionId', () => {
  it.each([
    ['chatcmpl-abc', 'cmpl-abc'],
    ['cmpl-abc', 'cmpl-abc'],
    ['7e1f', 'cmpl-7e1f'],
  ])('%s -> %s', (id, expected) => {
    expect(encodeTextCompletionId(id)).toBe(expected);
  });
});

describe('mapTextFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['stop-sequence', 'stop'],
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['other', 'stop'],
  ] as const)('%s -> %s', (unified, expected) => {
    expect(mapTextFinishReason({ unified, raw: null })).toBe(expected);
  });
});
