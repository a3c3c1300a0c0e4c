import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { EmbeddingRequest } from '../../../core/model.ts';
import type { CallContext } from '../../../core/provider.ts';
import { type OpenAIRouteDependencies, registerOpenAIRoutes } from '../routes.ts';

type Pipeline = OpenAIRouteDependencies['pipeline'];

function notCalled(): never {
  throw new Error('not called by the embeddings route');
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(embed?: Pipeline['embed']) {
  const requests: EmbeddingRequest[] = [];
  const contexts: CallContext[] = [];
  const pipeline: Pipeline = {
    chat: notCalled,
    streamChat: notCalled,
    generate: notCalled,
    streamGenerate: notCalled,
    submitFeedback: notCalled,
    embed:
      embed ??
      (async (request, context) => {
        requests.push(structuredClone(request));
        contexts.push(context);
        return {
          servedModel: 'text-embedding-ada-002',
          vectors: request.input.map((_text, index) => [index, 0.25, -2]),
          usage: { inputTokens: 6, outputTokens: 0, totalTokens: 6 },
        };
      }),
  };
  app = Fastify();
  registerOpenAIRoutes(app, { pipeline, keepAliveMs: 10_000 });
  await app.ready();
  return { app, requests, contexts };
}

function post(instance: FastifyInstance, body: unknown) {
  return instance.inject({ method: 'POST', url: '/v1/embeddings', payload: body as object });
}

describe('POST /v1/embeddings', () => {
  it('answers float vectors in input order, echoing the requested model', async () => {
    const { app, requests, contexts } = await buildApp();
    const response = await post(app, { model: 'my-embedder', input: ['first', 'second'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0, 0.25, -2] },
        { object: 'embedding', index: 1, embedding: [1, 0.25, -2] },
      ],
      model: 'my-embedder',
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
    expect(requests).toEqual([{ model: 'my-embedder', input: ['first', 'second'] }]);
    expect(contexts[0]?.promptCharacters).toBe('firstsecond'.length);
    expect(response.headers).not.toHaveProperty('x-sfgw-ignored-params');
  });

  it('answers base64 little-endian float32 when asked, and names user as ignored', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      model: 'my-embedder',
      input: 'one',
      encoding_format: 'base64',
      user: 'u',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-ignored-params']).toBe('user');
    const [item] = response.json().data;
    const bytes = Buffer.from(item.embedding, 'base64');
    expect([0, 4, 8].map((offset) => bytes.readFloatLE(offset))).toEqual([0, 0.25, -2]);
  });

  it('refuses dimensions that differ from what the model returns', async () => {
    const { app } = await buildApp();
    const response = await post(app, { model: 'my-embedder', input: 'one', dimensions: 256 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        message:
          "dimensions is 256, but the model 'my-embedder' returns 3-dimensional vectors and cannot shorten them; omit dimensions or set it to 3.",
        type: 'invalid_request_error',
        param: 'dimensions',
        code: 'unsupported_value',
      },
    });
  });

  it('refuses token ids without calling the upstream', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, { model: 'my-embedder', input: [[101, 102]] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ param: 'input', code: 'unsupported_value' });
    expect(requests).toEqual([]);
  });

  it("passes on the pipeline's refusal of a chat model", async () => {
    const { app } = await buildApp(async () => {
      throw new GatewayError(
        'invalid_request',
        "The model 'gpt-4o' is for chat and cannot be used for embeddings.",
        { param: 'model', code: 'model_not_supported' },
      );
    });
    const response = await post(app, { model: 'gpt-4o', input: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ param: 'model', code: 'model_not_supported' });
  });
});
