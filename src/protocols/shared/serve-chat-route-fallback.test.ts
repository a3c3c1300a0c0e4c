import { describe, expect, it } from 'vitest';
import {
  fallbackPipeline,
  scriptedUpstream,
  upstreamFailure,
} from '../../core/fallback-upstream.fixtures.ts';
import { registerAnthropicRoutes } from '../anthropic/routes.ts';
import { registerOpenAIRoutes } from '../openai/routes.ts';
import { buildRouteTestApp, closeAppsAfterEachTest, collectSseEvents, postJson } from './route.fixtures.ts';

const closeAfterTest = closeAppsAfterEachTest();

/** Both protocols' routes on a real pipeline whose claude-4-sonnet falls back to gpt-4.1. */
async function buildApp(scripts: Parameters<typeof scriptedUpstream>[0]) {
  const pipeline = fallbackPipeline(scriptedUpstream(scripts).provider, {
    fallbacks: { 'claude-4-sonnet': ['gpt-4.1'] },
  });
  return closeAfterTest(
    await buildRouteTestApp((app) => {
      registerOpenAIRoutes(app, { pipeline, keepAliveMs: 10_000 });
      registerAnthropicRoutes(app, { pipeline, keepAliveMs: 10_000 });
    }),
  );
}

const claudeThrottled = { sfdc_ai__Claude: { error: upstreamFailure('rate_limit', 'Claude is throttled') } };
const chatBody = { model: 'claude-4-sonnet', messages: [{ role: 'user', content: 'Hi' }] };
const messagesBody = { ...chatBody, max_tokens: 100 };
const anthropicHeaders = { 'anthropic-version': '2023-06-01' };

describe('the answering model, after a fallback', () => {
  it('is named in an OpenAI chat completion and in x-sfgw-model', async () => {
    const app = await buildApp(claudeThrottled);
    const response = await postJson(app, '/v1/chat/completions', chatBody);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-model']).toBe('gpt-4.1');
    expect(response.json()).toMatchObject({
      model: 'gpt-4.1',
      choices: [{ message: { content: 'sfdc_ai__Gpt' } }],
    });
  });

  it('is named in every OpenAI stream chunk and in x-sfgw-model', async () => {
    const app = await buildApp(claudeThrottled);
    const response = await postJson(app, '/v1/chat/completions', { ...chatBody, stream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-model']).toBe('gpt-4.1');
    const chunks = collectSseEvents(response.body)
      .slice(0, -1)
      .map((event) => JSON.parse(event.data));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.model)).toEqual(chunks.map(() => 'gpt-4.1'));
  });

  it('is named in an Anthropic message and in x-sfgw-model', async () => {
    const app = await buildApp(claudeThrottled);
    const response = await postJson(app, '/v1/messages', messagesBody, anthropicHeaders);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-model']).toBe('gpt-4.1');
    expect(response.json()).toMatchObject({
      type: 'message',
      model: 'gpt-4.1',
      content: [{ type: 'text', text: 'sfdc_ai__Gpt' }],
    });
  });

  it("is named in an Anthropic stream's message_start and in x-sfgw-model", async () => {
    const app = await buildApp(claudeThrottled);
    const response = await postJson(app, '/v1/messages', { ...messagesBody, stream: true }, anthropicHeaders);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-model']).toBe('gpt-4.1');
    const start = collectSseEvents(response.body).find((event) => event.event === 'message_start');
    expect(JSON.parse(start?.data ?? '{}').message.model).toBe('gpt-4.1');
  });

  it('is the legacy completion model too', async () => {
    const app = await buildApp(claudeThrottled);
    const response = await postJson(app, '/v1/completions', { model: 'claude-4-sonnet', prompt: 'Hi' });
    expect(response.headers['x-sfgw-model']).toBe('gpt-4.1');
    expect(response.json()).toMatchObject({ model: 'gpt-4.1', choices: [{ text: 'sfdc_ai__Gpt' }] });
  });
});

describe('the answering model, without a fallback', () => {
  it('is the name the client sent, as sent, whole and streamed', async () => {
    const app = await buildApp({});
    const whole = await postJson(app, '/v1/chat/completions', { ...chatBody, model: 'Claude-4-Sonnet' });
    expect(whole.headers['x-sfgw-model']).toBe('Claude-4-Sonnet');
    expect(whole.json().model).toBe('Claude-4-Sonnet');
    const streamed = await postJson(app, '/v1/messages', { ...messagesBody, stream: true }, anthropicHeaders);
    expect(streamed.headers['x-sfgw-model']).toBe('claude-4-sonnet');
  });

  it('is not claimed by an error reply', async () => {
    const app = await buildApp({
      ...claudeThrottled,
      sfdc_ai__Gpt: { error: upstreamFailure('upstream_unavailable', 'GPT is down') },
    });
    const whole = await postJson(app, '/v1/chat/completions', chatBody);
    expect(whole.statusCode).toBe(503);
    expect(whole.json().error.message).toBe('GPT is down');
    expect(whole.headers).not.toHaveProperty('x-sfgw-model');
    const streamed = await postJson(app, '/v1/messages', { ...messagesBody, stream: true }, anthropicHeaders);
    // Anthropic's own status for an upstream that is down.
    expect(streamed.statusCode).toBe(529);
    expect(streamed.json()).toMatchObject({ type: 'error', error: { message: 'GPT is down' } });
    expect(streamed.headers).not.toHaveProperty('x-sfgw-model');
  });
});
