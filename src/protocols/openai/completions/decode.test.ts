import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { snakeCaseSettingNames } from '../../shared/request-field-names.ts';
import { type DecodedCompletion, decodeCompletionRequest } from './decode.ts';

const base = { model: 'my-model', prompt: 'Once upon a time' };

function decodeFailure(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeCompletionRequest(body));
}

describe('decodeCompletionRequest', () => {
  it('decodes a minimal request without applying the legacy 16-token default', () => {
    expect(decodeCompletionRequest(base)).toEqual({
      request: {
        model: 'my-model',
        prompt: 'Once upon a time',
        stopSequences: [],
        sampling: {},
      },
      fieldNames: { ignoredFields: [], settings: snakeCaseSettingNames, toolParameters: [], imageParts: [] },
      stream: false,
      includeUsage: false,
    } satisfies DecodedCompletion);
    expect(decodeCompletionRequest(base).request).not.toHaveProperty('maxOutputTokens');
  });

  it('maps max_tokens, stop, sampling and streaming settings', () => {
    const decoded = decodeCompletionRequest({
      ...base,
      max_tokens: 64,
      stop: ['\n\n', '', 'END'],
      temperature: 0.3,
      top_p: 0.8,
      seed: 9,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      stream: true,
      stream_options: { include_usage: true },
      n: 1,
      best_of: 1,
      echo: false,
      suffix: null,
      logprobs: null,
    });
    expect(decoded).toEqual({
      request: {
        model: 'my-model',
        prompt: 'Once upon a time',
        stopSequences: ['\n\n', 'END'],
        maxOutputTokens: 64,
        sampling: { temperature: 0.3, topP: 0.8, seed: 9, presencePenalty: 0.5, frequencyPenalty: -0.5 },
      },
      fieldNames: { ignoredFields: [], settings: snakeCaseSettingNames, toolParameters: [], imageParts: [] },
      stream: true,
      includeUsage: true,
    } satisfies DecodedCompletion);
  });

  it('takes a one-string array as the prompt and a bare stop string as one sequence', () => {
    const { request } = decodeCompletionRequest({ ...base, prompt: ['Only one'], stop: 'STOP' });
    expect(request.prompt).toBe('Only one');
    expect(request.stopSequences).toEqual(['STOP']);
  });

  it('treats null max_tokens as unset and lists user and logit_bias as ignored', () => {
    const { request, fieldNames } = decodeCompletionRequest({
      ...base,
      max_tokens: null,
      user: 'u',
      logit_bias: { '50256': -100 },
    });
    expect(request).not.toHaveProperty('maxOutputTokens');
    expect(fieldNames.ignoredFields).toEqual(['logit_bias', 'user']);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing prompt', { model: 'my-model' }, 'prompt', 'prompt is required.'],
    ['a null prompt', { ...base, prompt: null }, 'prompt', 'prompt is required.'],
    ['an empty prompt', { ...base, prompt: '' }, 'prompt', 'prompt must not be empty.'],
    [
      'several prompts',
      { ...base, prompt: ['one', 'two'] },
      'prompt',
      'prompt must hold exactly one prompt; got 2. The upstream gives one generation per call, so send one request per prompt.',
    ],
    [
      'an empty prompt list',
      { ...base, prompt: [] },
      'prompt',
      'prompt must hold exactly one prompt; got 0. The upstream gives one generation per call, so send one request per prompt.',
    ],
    [
      'a token prompt',
      { ...base, prompt: [1212, 318] },
      'prompt',
      'prompt contains token ids, but this gateway takes text only; send prompt as a string.',
    ],
    [
      'a list of token prompts',
      { ...base, prompt: [[1212], [318]] },
      'prompt',
      'prompt contains token ids, but this gateway takes text only; send prompt as a string.',
    ],
    [
      'a prompt object',
      { ...base, prompt: { text: 'x' } },
      'prompt',
      'prompt must be a string or an array of one string.',
    ],
    [
      'n above 1',
      { ...base, n: 3 },
      'n',
      'n must be 1; got 3. The upstream gives one generation per call, so send separate requests instead.',
    ],
    [
      'best_of above 1',
      { ...base, best_of: 2 },
      'best_of',
      'best_of must be 1; got 2. The upstream gives one generation per call and no scores to pick the best by.',
    ],
    [
      'a suffix',
      { ...base, suffix: '}' },
      'suffix',
      'suffix is not supported: the upstream cannot insert text between a prompt and a suffix. Remove suffix.',
    ],
    [
      'echo',
      { ...base, echo: true },
      'echo',
      'echo is not supported; remove it and prepend the prompt to the answer yourself.',
    ],
    [
      'logprobs, even 0',
      { ...base, logprobs: 0 },
      'logprobs',
      'logprobs is not supported: the upstream returns no token probabilities. Remove logprobs.',
    ],
    ['a missing model', { prompt: 'x' }, 'model', 'model is required.'],
    [
      'a temperature above 2',
      { ...base, temperature: 3 },
      'temperature',
      'temperature must be at most 2; got 3.',
    ],
    [
      'five stop sequences',
      { ...base, stop: ['a', 'b', 'c', 'd', 'e'] },
      'stop',
      'stop must have at most 4 items.',
    ],
    [
      'a zero max_tokens',
      { ...base, max_tokens: 0 },
      'max_tokens',
      'max_tokens must be greater than 0; got 0.',
    ],
  ])('refuses %s, naming the field', (_label, body, param, message) => {
    const error = decodeFailure(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it('refuses a body that is not an object', () => {
    expect(decodeFailure('prompt').message).toBe(
      'The request body must be a JSON object with "model" and "prompt".',
    );
  });
});
