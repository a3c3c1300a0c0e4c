import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { EmbeddingResult } from '../../../core/model.ts';
import { encodeBase64Vector, encodeEmbeddingsResponse } from './encode.ts';

const result: EmbeddingResult = {
  servedModel: 'text-embedding-ada-002',
  vectors: [
    [0.5, -1.25, 3],
    [0.1, -0.2, 0.3],
  ],
  usage: { inputTokens: 7, outputTokens: 0, totalTokens: 7 },
};

function decodeBase64Vector(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 4 }, (_, index) => view.getFloat32(index * 4, true));
}

describe('encodeEmbeddingsResponse', () => {
  it('answers with float arrays in input order, echoing the requested model', () => {
    expect(
      encodeEmbeddingsResponse(result, { requestedModel: 'my-embedder', encodingFormat: 'float' }),
    ).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -1.25, 3] },
        { object: 'embedding', index: 1, embedding: [0.1, -0.2, 0.3] },
      ],
      model: 'my-embedder',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
  });

  it('answers base64 strings that decode, as little-endian float32, to the same vectors', () => {
    const body = encodeEmbeddingsResponse(result, {
      requestedModel: 'my-embedder',
      encodingFormat: 'base64',
    });
    const data = body.data as Array<{ index: number; embedding: string }>;
    expect(data.map((item) => item.index)).toEqual([0, 1]);
    expect(decodeBase64Vector(data[0]?.embedding ?? '')).toEqual([0.5, -1.25, 3]);
    // float32 keeps about seven digits: 0.1 comes back as the nearest float32.
    expect(decodeBase64Vector(data[1]?.embedding ?? '')).toEqual([
      Math.fround(0.1),
      Math.fround(-0.2),
      Math.fround(0.3),
    ]);
    // openai-node decodes with a plain Float32Array, i.e. the machine's (little-endian) order.
    const bytes = Buffer.from(data[0]?.embedding ?? '', 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))).toEqual([
      0.5, -1.25, 3,
    ]);
  });

  it('accepts dimensions equal to the vector length', () => {
    const body = encodeEmbeddingsResponse(result, {
      requestedModel: 'my-embedder',
      encodingFormat: 'float',
      dimensions: 3,
    });
    expect((body.data as unknown[]).length).toBe(2);
  });

  it('refuses dimensions that differ from the vector length instead of cutting vectors', () => {
    const encode = () =>
      encodeEmbeddingsResponse(result, {
        requestedModel: 'my-embedder',
        encodingFormat: 'float',
        dimensions: 2,
      });
    expect(encode).toThrow(
      expect.objectContaining({
        status: 400,
        param: 'dimensions',
        code: 'unsupported_value',
        message:
          "dimensions is 2, but the model 'my-embedder' returns 3-dimensional vectors and cannot shorten them; omit dimensions or set it to 3.",
      }),
    );
    expect(encode).toThrow(GatewayError);
  });
});

describe('encodeBase64Vector', () => {
  it('writes 1.0 as the little-endian bytes 00 00 80 3f', () => {
    expect(encodeBase64Vector([1])).toBe('AACAPw==');
  });

  it('writes an empty vector as an empty string', () => {
    expect(encodeBase64Vector([])).toBe('');
  });
});
