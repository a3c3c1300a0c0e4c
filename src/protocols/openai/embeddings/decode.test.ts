import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { type DecodedEmbeddings, decodeEmbeddingsRequest } from './decode.ts';

function decodeFailure(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeEmbeddingsRequest(body));
}

describe('decodeEmbeddingsRequest', () => {
  it.each<[string, unknown, DecodedEmbeddings]>([
    [
      'a single string, floats by default',
      { model: 'ada', input: 'hello' },
      { request: { model: 'ada', input: ['hello'] }, encodingFormat: 'float', ignoredFields: [] },
    ],
    [
      'a list of strings, in order',
      { model: 'ada', input: ['one', 'two'], encoding_format: 'float' },
      { request: { model: 'ada', input: ['one', 'two'] }, encodingFormat: 'float', ignoredFields: [] },
    ],
    [
      'base64, dimensions and user',
      { model: 'ada', input: 'x', encoding_format: 'base64', dimensions: 1536, user: 'u-7' },
      {
        request: { model: 'ada', input: ['x'] },
        encodingFormat: 'base64',
        dimensions: 1536,
        ignoredFields: ['user'],
      },
    ],
    [
      'nulls as unset, unknown keys tolerated',
      { model: 'ada', input: 'x', encoding_format: null, dimensions: null, user: null, extra: 1 },
      { request: { model: 'ada', input: ['x'] }, encodingFormat: 'float', ignoredFields: [] },
    ],
  ])('decodes %s', (_label, body, expected) => {
    expect(decodeEmbeddingsRequest(body)).toEqual(expected);
  });

  it('accepts 2048 inputs', () => {
    const input = Array.from({ length: 2048 }, (_, index) => `text ${index}`);
    expect(decodeEmbeddingsRequest({ model: 'ada', input }).request.input).toHaveLength(2048);
  });

  it.each<[string, unknown, string, string]>([
    ['a missing model', { input: 'x' }, 'model', 'model is required.'],
    ['a missing input', { model: 'ada' }, 'input', 'input is required.'],
    ['an empty string', { model: 'ada', input: '' }, 'input', 'input must not be empty.'],
    [
      'an empty string in a list',
      { model: 'ada', input: ['a', ''] },
      'input[1]',
      'input[1] must not be empty.',
    ],
    ['an empty list', { model: 'ada', input: [] }, 'input', 'input must have at least 1 item.'],
    [
      'more than 2048 inputs',
      { model: 'ada', input: Array.from({ length: 2049 }, () => 'x') },
      'input',
      'input must have at most 2048 items.',
    ],
    [
      'a list mixing text with an object',
      { model: 'ada', input: ['a', { text: 'b' }] },
      'input[1]',
      'input[1] must be a string; got an object.',
    ],
    [
      'an unknown encoding',
      { model: 'ada', input: 'x', encoding_format: 'binary' },
      'encoding_format',
      'encoding_format must be one of float, base64; got "binary".',
    ],
    [
      'a zero dimensions',
      { model: 'ada', input: 'x', dimensions: 0 },
      'dimensions',
      'dimensions must be greater than 0; got 0.',
    ],
  ])('refuses %s, naming the field', (_label, body, param, message) => {
    const error = decodeFailure(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it.each([
    ['one tokenized input', [15339, 1917]],
    ['several tokenized inputs', [[15339], [1917, 0]]],
    ['text mixed with tokens', ['hello', [1917]]],
  ])('refuses %s and asks for text', (_label, input) => {
    const error = decodeFailure({ model: 'ada', input });
    expect(error).toMatchObject({ status: 400, param: 'input', code: 'unsupported_value' });
    expect(error.message).toBe(
      'input contains token ids, but this gateway embeds text only; send input as a string or an array of strings.',
    );
  });

  it('refuses a body that is not an object', () => {
    expect(decodeFailure(['x']).message).toBe(
      'The request body must be a JSON object with "model" and "input".',
    );
  });
});
