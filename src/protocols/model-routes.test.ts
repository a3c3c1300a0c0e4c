import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../core/model.ts';
import { registerModelRoutes } from './model-routes.ts';

const model: ModelInfo = {
  id: 'my-model',
  upstreamModel: 'sfdc_ai__Up',
  kind: 'chat',
  label: 'My Model',
  ownedBy: 'salesforce',
};
const models = [
  model,
  { ...model, id: 'team/my-model' },
  { ...model, id: 'claude-sonnet-4-5', label: 'Claude' },
];

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp() {
  app = Fastify();
  registerModelRoutes(app, {
    listModels: () => models,
    findModel: (id) => models.find((candidate) => candidate.id === id),
    createdAt: Date.parse('2026-01-02T03:04:05.678Z'),
  });
  await app.ready();
  return app;
}

const anthropic = { 'anthropic-version': '2023-06-01' };

describe('model routes', () => {
  it('lists models in the OpenAI shape by default', async () => {
    const response = await (await buildApp()).inject({ method: 'GET', url: '/v1/models' });
    expect(response.json()).toEqual({
      object: 'list',
      data: models.map((entry) => ({
        id: entry.id,
        object: 'model',
        created: 1_767_323_045,
        owned_by: 'salesforce',
        name: entry.label,
      })),
    });
  });

  it('lists models in the paged Anthropic shape for Anthropic clients', async () => {
    const response = await (await buildApp()).inject({
      method: 'GET',
      url: '/v1/models?limit=2',
      headers: anthropic,
    });
    expect(response.json()).toEqual({
      data: [
        { id: 'my-model', type: 'model', display_name: 'My Model', created_at: '2026-01-02T03:04:05.000Z' },
        {
          id: 'team/my-model',
          type: 'model',
          display_name: 'My Model',
          created_at: '2026-01-02T03:04:05.000Z',
        },
      ],
      has_more: true,
      first_id: 'my-model',
      last_id: 'team/my-model',
    });
    const next = await app?.inject({
      method: 'GET',
      url: '/v1/models?after_id=team/my-model',
      headers: anthropic,
    });
    expect(next?.json()).toMatchObject({ data: [{ id: 'claude-sonnet-4-5' }], has_more: false });
  });

  it('retrieves one model in either shape, including a name with a slash', async () => {
    const instance = await buildApp();
    expect((await instance.inject({ method: 'GET', url: '/v1/models/team/my-model' })).json()).toMatchObject({
      id: 'team/my-model',
      object: 'model',
    });
    const claude = await instance.inject({
      method: 'GET',
      url: '/v1/models/claude-sonnet-4-5',
      headers: anthropic,
    });
    expect(claude.json()).toMatchObject({ id: 'claude-sonnet-4-5', type: 'model', display_name: 'Claude' });
  });

  it('answers an unknown model with a 404 in the client protocol', async () => {
    const instance = await buildApp();
    const openai = await instance.inject({ method: 'GET', url: '/v1/models/gpt-9' });
    expect(openai.statusCode).toBe(404);
    expect(openai.json()).toEqual({
      error: {
        message: 'The model "gpt-9" does not exist; GET /v1/models lists the available models.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
    const claude = await instance.inject({ method: 'GET', url: '/v1/models/gpt-9', headers: anthropic });
    expect(claude.statusCode).toBe(404);
    expect(claude.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
