import { describe, expect, it } from 'vitest';
import { postNative } from './native/native-client.fixtures.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const failingModel = 'sfdc_ai__DefaultGPT41';
const healthyModel = 'sfdc_ai__DefaultGPT41Mini';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };

function postChat(model: string): Promise<Response> {
  return client.post(`/models/${model}/chat-generations`, { token, body: chatBody });
}

describe('Models API faults that name a model', () => {
  it('pass requests for other models and hit the named one', async () => {
    simulator.injectFault({ status: 503, model: failingModel, count: 2 });
    expect((await postChat(healthyModel)).status).toBe(200);
    expect((await postChat(failingModel)).status).toBe(503);
    expect((await postChat(healthyModel)).status).toBe(200);
    expect((await postChat(failingModel)).status).toBe(503);
    expect((await postChat(failingModel)).status).toBe(200);
    expect(simulator.counters().faultsServed).toBe(2);
  });

  it('never hit feedback, which names no model', async () => {
    simulator.injectFault({ status: 500, model: failingModel });
    const feedback = await client.post('/feedback', {
      token,
      body: { id: 'feedback-1', generationId: 'g-1' },
    });
    expect(feedback.status).toBe(202);
    expect((await postChat(failingModel)).status).toBe(500);
  });

  it('leave a later fault without a model to the requests they pass', async () => {
    simulator.injectFault({ status: 429, model: failingModel });
    simulator.injectFault({ status: 500 });
    expect((await postChat(healthyModel)).status).toBe(500);
    expect((await postChat(failingModel)).status).toBe(429);
  });
});

describe('native faults that name a model', () => {
  const bedrockBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'hi' }],
  };
  const invokePath = (alias: string) => `/model/${alias}/invoke`;

  it('match the alias of the Bedrock path', async () => {
    const failingAlias = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
    simulator.injectNativeFault({ status: 429, model: failingAlias });
    const other = 'sfdc_ai__DefaultBedrockAnthropicClaude45Haiku';
    expect((await postNative(simulator, invokePath(other), { token, body: bedrockBody })).status).toBe(200);
    expect((await postNative(simulator, invokePath(failingAlias), { token, body: bedrockBody })).status).toBe(
      429,
    );
  });

  it('match the model of a chat/generations or /responses body', async () => {
    simulator.injectNativeFault({ status: 503, model: failingModel, count: 2 });
    const chat = (model: string) =>
      postNative(simulator, '/chat/generations', { token, body: { model, ...chatBody } });
    const responses = (model: string) =>
      postNative(simulator, '/responses', { token, body: { model, input: 'hi' } });
    expect((await chat(healthyModel)).status).toBe(200);
    expect((await responses(healthyModel)).status).toBe(200);
    expect((await chat(failingModel)).status).toBe(503);
    expect((await responses(failingModel)).status).toBe(503);
    expect((await chat(failingModel)).status).toBe(200);
  });
});
