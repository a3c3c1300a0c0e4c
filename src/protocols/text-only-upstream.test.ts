import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../core/model-catalog.ts';
import { Pipeline } from '../core/pipeline.ts';
import { scriptedProvider, textOnlyCapabilities } from '../core/provider.fixtures.ts';
import { sharedSchemaValidator } from '../emulation/schema/schema-validator.fixtures.ts';
import { registerAnthropicRoutes } from './anthropic/routes.ts';
import { registerResponsesRoutes } from './openai/responses/routes.ts';
import { registerOpenAIRoutes } from './openai/routes.ts';
import { buildRouteTestApp, closeAppsAfterEachTest, postJson } from './shared/route.fixtures.ts';

// What a client sees from a text-only upstream such as the Models API, through the real pipeline:
// reasoning reported under the protocol's own field names, images refused by their part's path.

const closeAfterTest = closeAppsAfterEachTest();

async function buildApp(): Promise<FastifyInstance> {
  const { provider } = scriptedProvider({ replies: ['Paris.'], capabilities: textOnlyCapabilities });
  const catalog = new ModelCatalog({
    upstreamModels: [{ id: 'up', upstreamModel: 'up', kind: 'chat', label: 'Up', ownedBy: 'test' }],
    aliases: {},
  });
  const pipeline = new Pipeline(provider, catalog, { schemaChecker: sharedSchemaValidator });
  return closeAfterTest(
    await buildRouteTestApp((app) => {
      registerAnthropicRoutes(app, { pipeline, keepAliveMs: 10_000 });
      registerOpenAIRoutes(app, { pipeline, keepAliveMs: 10_000 });
      registerResponsesRoutes(app, { pipeline, keepAliveMs: 10_000 });
    }),
  );
}

const anthropicHeaders = { 'anthropic-version': '2023-06-01' };
const anthropicBody = { model: 'up', max_tokens: 4096, messages: [{ role: 'user', content: 'Capital?' }] };
const chatBody = { model: 'up', messages: [{ role: 'user', content: 'Capital?' }] };
const responsesBody = { model: 'up', input: 'Capital?' };

describe('a text-only upstream: ignored reasoning', () => {
  it.each([
    [
      { thinking: { type: 'adaptive' }, output_config: { effort: 'high' } },
      'max_tokens,thinking,output_config.effort',
    ],
    [{ thinking: { type: 'enabled', budget_tokens: 2048 } }, 'max_tokens,thinking'],
    [{ output_config: { effort: 'low' } }, 'max_tokens,output_config.effort'],
  ])('names Anthropic %j by its own fields', async (fields, header) => {
    const app = await buildApp();
    const response = await postJson(app, '/v1/messages', { ...anthropicBody, ...fields }, anthropicHeaders);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-ignored-params']).toBe(header);
  });

  it('names OpenAI chat reasoning_effort once', async () => {
    const app = await buildApp();
    const response = await postJson(app, '/v1/chat/completions', { ...chatBody, reasoning_effort: 'high' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-ignored-params']).toBe('reasoning_effort');
  });

  it('names Responses reasoning as the whole field, after the fields the decoder dropped', async () => {
    const app = await buildApp();
    const response = await postJson(app, '/v1/responses', {
      ...responsesBody,
      reasoning: { effort: 'medium', summary: 'auto' },
      user: 'u-1',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-ignored-params']).toBe('user,reasoning');
  });
});

describe('a text-only upstream: images', () => {
  const message =
    'This part is an image, but the model behind this gateway accepts text only; send the content as text.';

  it('refuses an Anthropic image block by its path, in the Anthropic error shape', async () => {
    const app = await buildApp();
    const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } };
    const response = await postJson(
      app,
      '/v1/messages',
      { ...anthropicBody, messages: [{ role: 'user', content: [{ type: 'text', text: 'Look:' }, image] }] },
      anthropicHeaders,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      type: 'invalid_request_error',
      message: `messages[0].content[1]: ${message}`,
    });
  });

  it('refuses an OpenAI chat image part by its path', async () => {
    const app = await buildApp();
    const content = [
      { type: 'text', text: 'Look:' },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
    ];
    const response = await postJson(app, '/v1/chat/completions', {
      ...chatBody,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      message: `messages[1].content[1]: ${message}`,
      param: 'messages[1].content[1]',
      code: 'unsupported_content',
    });
  });

  it('refuses a Responses input_image by its path', async () => {
    const app = await buildApp();
    const response = await postJson(app, '/v1/responses', {
      ...responsesBody,
      input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/y.png' }] }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      message: `input[0].content[0]: ${message}`,
      type: 'invalid_request_error',
      param: 'input[0].content[0]',
      code: 'unsupported_content',
    });
  });
});
