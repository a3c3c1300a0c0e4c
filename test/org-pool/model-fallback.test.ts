import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';

// claude-4-sonnet fails on every org; MODEL_FALLBACKS sends its requests to gpt-4.1 (Models API,
// tools emulated in the prompt), then to native-gpt (the native surface, real tools).
const failingModel = 'sfdc_ai__DefaultBedrockAnthropicClaude4Sonnet';
const gpt41 = 'sfdc_ai__DefaultGPT41';
let stack: OrgPoolStack;

beforeAll(async () => {
  stack = await startOrgPoolStack({
    settings: {
      MODEL_ALIASES: JSON.stringify({ 'native-gpt': { model: gpt41, surface: 'native' } }),
      MODEL_FALLBACKS: JSON.stringify({ 'claude-4-sonnet': ['gpt-4.1'], 'claude-3-haiku': ['native-gpt'] }),
      // no keep-alive before the answer, so a stream's headers wait for the model that answered
      STREAM_KEEPALIVE_MS: '10000',
    },
  });
  for (const simulator of Object.values(stack.simulators)) {
    simulator.injectFault({ status: 500, model: failingModel, count: 10_000 });
    simulator.injectFault({
      status: 503,
      model: 'sfdc_ai__DefaultBedrockAnthropicClaude3Haiku',
      count: 10_000,
    });
  }
}, 30_000);
afterAll(() => stack?.close());

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const anthropicWeatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const question = 'What is the weather like? city=Paris';

describe('a model failing on every org falls back to the next model of MODEL_FALLBACKS', () => {
  it('OpenAI, whole, with tools: the tool call comes from gpt-4.1, named in model and x-sfgw-model', async () => {
    const { data, response } = await stack.openai.chat.completions
      .create({
        model: 'claude-4-sonnet',
        messages: [{ role: 'user', content: question }],
        tools: [weatherTool],
      })
      .withResponse();
    expect(response.headers.get('x-sfgw-model')).toBe('gpt-4.1');
    expect(data.model).toBe('gpt-4.1');
    const call = data.choices[0]?.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(data.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('OpenAI, streamed, with tools: every chunk names gpt-4.1 and the call streams', async () => {
    const { data: stream, response } = await stack.openai.chat.completions
      .create({
        model: 'claude-4-sonnet',
        messages: [{ role: 'user', content: question }],
        tools: [weatherTool],
        stream: true,
      })
      .withResponse();
    expect(response.headers.get('x-sfgw-model')).toBe('gpt-4.1');
    const models = new Set<string>();
    let name = '';
    let argumentsText = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      models.add(chunk.model);
      const delta = chunk.choices[0]?.delta;
      name += delta?.tool_calls?.[0]?.function?.name ?? '';
      argumentsText += delta?.tool_calls?.[0]?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect([...models]).toEqual(['gpt-4.1']);
    expect(name).toBe('get_weather');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
  });

  it('Anthropic, whole, with tools: a tool_use block from gpt-4.1', async () => {
    const { data, response } = await stack.anthropic.messages
      .create({
        model: 'claude-4-sonnet',
        max_tokens: 200,
        messages: [{ role: 'user', content: question }],
        tools: [anthropicWeatherTool],
      })
      .withResponse();
    expect(response.headers.get('x-sfgw-model')).toBe('gpt-4.1');
    expect(data.model).toBe('gpt-4.1');
    expect(data.stop_reason).toBe('tool_use');
    expect(data.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: { city: 'Paris' },
    });
  });

  it('Anthropic, streamed, with tools: message_start names gpt-4.1 and the tool input streams', async () => {
    const stream = stack.anthropic.messages.stream({
      model: 'claude-4-sonnet',
      max_tokens: 200,
      messages: [{ role: 'user', content: question }],
      tools: [anthropicWeatherTool],
    });
    const startModels: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_start') startModels.push(event.message.model);
    });
    const message = await stream.finalMessage();
    expect(startModels).toEqual(['gpt-4.1']);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: { city: 'Paris' },
    });
  });

  it('re-plans for the fallback: to the native surface, where the tool goes as a real tool', async () => {
    const simulators = Object.values(stack.simulators);
    const responsesBefore = simulators.map((simulator) => simulator.requests('responses').length);
    const completion = await stack.openai.chat.completions.create({
      model: 'claude-3-haiku',
      messages: [{ role: 'user', content: question }],
      tools: [weatherTool],
      stream: false,
    });
    expect(completion.model).toBe('native-gpt');
    const call = completion.choices[0]?.message
      .tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    const answering = simulators.find(
      (simulator, index) => simulator.requests('responses').length > (responsesBefore[index] ?? 0),
    );
    const body = answering?.requests('responses').at(-1)?.body as { tools?: { name: string }[] };
    expect(body.tools?.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(JSON.stringify(body)).not.toContain('<tools>');
  });

  it('structured output survives the fallback', async () => {
    const completion = await stack.openai.chat.completions.create({
      model: 'claude-4-sonnet',
      messages: [{ role: 'user', content: 'Give me a city and its country.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'place',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, country: { type: 'string' } },
            required: ['city', 'country'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.model).toBe('gpt-4.1');
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(Object.keys(parsed).sort()).toEqual(['city', 'country']);
  });

  it('counts each fallback in sfgw_model_fallbacks_total', async () => {
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    const toGpt = ['upstream_error', 'upstream_unavailable'].reduce(
      (sum, kind) =>
        sum +
        (metrics.value('sfgw_model_fallbacks_total', { from: 'claude-4-sonnet', to: 'gpt-4.1', kind }) ?? 0),
      0,
    );
    expect(toGpt).toBe(5);
  });
});
