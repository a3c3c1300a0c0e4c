import type OpenAI from 'openai';
import { expect, it } from 'vitest';
import { describeEachSurface, expectAppHeaders } from './support/each-surface.ts';

const weatherTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

describeEachSurface('the Responses API through the official openai client', (suite) => {
  const { surface } = suite;
  it('responses.create answers with output_text and usage', async () => {
    suite.stack.simulator.enqueueReplies('A response from Salesforce.');
    const response = await suite.stack.openai.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'Be brief.',
      input: 'Say something',
    });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('A response from Salesforce.');
    expect(response.usage?.total_tokens).toBe(
      (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0),
    );
    if (surface === 'models') {
      const sent = suite.stack.simulator.requests('chat-generations').at(-1)?.body as {
        messages: Array<{ role: string }>;
      };
      expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user']);
    } else {
      const sent = suite.stack.simulator.requests('responses').at(-1);
      expectAppHeaders(sent);
      const body = sent?.body as { input: Array<{ role: string }>; store: boolean };
      expect(body.input.map((item) => item.role)).toEqual(['system', 'user']);
      expect(body.store).toBe(false);
    }
  });

  it('responses.stream ends in the same output as responses.create', async () => {
    const request = { model: 'gpt-4o-mini', input: 'Describe order_id=R2' };
    const whole = await suite.stack.openai.responses.create(request);
    const stream = suite.stack.openai.responses.stream(request);
    let deltas = '';
    stream.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const streamed = await stream.finalResponse();
    expect(streamed.output_text).toBe(whole.output_text);
    expect(deltas).toBe(whole.output_text);
  });

  it('runs a full function-call loop', async () => {
    const first = await suite.stack.openai.responses.create({
      model: 'gpt-4o-mini',
      input: 'Weather please, city=Quito',
      tools: [weatherTool],
    });
    const call = first.output.find(
      (item) => item.type === 'function_call',
    ) as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ name: 'get_weather' });
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Quito' });
    const final = await suite.stack.openai.responses.create({
      model: 'gpt-4o-mini',
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'Weather please, city=Quito' },
        call,
        { type: 'function_call_output', call_id: call.call_id, output: 'Cloudy, 14 degrees' },
      ],
    });
    expect(final.output.some((item) => item.type === 'function_call')).toBe(false);
    expect(final.output_text).toContain('Cloudy, 14 degrees');
  });

  it('opens with a reasoning item when asked for reasoning, streamed or not, as Codex waits for one', async () => {
    const asked = {
      model: 'gpt-4o-mini',
      input: 'Think, then answer',
      reasoning: { effort: 'medium' as const, summary: 'auto' as const },
    };
    const response = await suite.stack.openai.responses.create(asked);
    expect(response.output[0]?.type).toBe('reasoning');
    expect(response.output_text).not.toBe('');
    const streamed = await suite.stack.openai.responses.stream(asked).finalResponse();
    expect(streamed.output[0]?.type).toBe('reasoning');
    const plain = await suite.stack.openai.responses.create({ model: 'gpt-4o-mini', input: 'Answer' });
    expect(plain.output.map((item) => item.type)).toEqual(['message']);
    if (suite.surface === 'models') {
      // effort none asks for no reasoning: nothing to wait for
      const none = await suite.stack.openai.responses.create({ ...asked, reasoning: { effort: 'none' } });
      expect(none.output.map((item) => item.type)).toEqual(['message']);
    }
  });

  it('refuses previous_response_id clearly, since nothing is stored', async () => {
    const failure = await suite.stack.openai.responses
      .create({ model: 'gpt-4o-mini', input: 'more', previous_response_id: 'resp_123' })
      .catch((error: { status?: number; param?: string }) => error);
    expect(failure).toMatchObject({ status: 400, param: 'previous_response_id' });
  });
});
