import { describe, expect, it } from 'vitest';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import { postNative, readSse } from './native-client.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const gpt = 'sfdc_ai__DefaultGPT54';
const lookupTool = {
  type: 'function',
  name: 'lookup_order',
  description: 'Find an order',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
};

function userInput(text: string) {
  return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }];
}

async function respond(body: Record<string, unknown>) {
  return postNative(simulator, '/responses', { token, body: { model: gpt, ...body } });
}

async function streamed(body: Record<string, unknown>) {
  const response = await respond({ ...body, stream: true });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const text = await response.text();
  expect(text).not.toContain('[DONE]');
  return readSse(text).map((event) => ({ name: event.event, data: JSON.parse(event.data) }));
}

describe('POST /responses', () => {
  it('answers a Response object with an output_text message and usage', async () => {
    const body = await readJson(await respond({ input: userInput('Hello'), instructions: 'Be brief.' }));
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: gpt,
      output: [
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Simulated reply to: Hello' }],
        },
      ],
      usage: { output_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(body.id).toMatch(/^resp_/);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
  });

  it('calls a function tool and reads the function_call_output the way the Models API engine does', async () => {
    const ask = { input: userInput('Where is order_id=A17?'), tools: [lookupTool] };
    const first = await readJson(await respond(ask));
    const [call] = first.output;
    expect(call).toMatchObject({
      type: 'function_call',
      name: 'lookup_order',
      arguments: '{"order_id":"A17"}',
    });
    expect(call.call_id).toMatch(/^call_/);
    const followUp = [
      ...ask.input,
      call,
      { type: 'function_call_output', call_id: call.call_id, output: 'shipped' },
    ];
    const second = await readJson(await respond({ input: followUp, tools: [lookupTool] }));
    expect(second.output[0].content[0].text).toBe('Based on the tool results: lookup_order: shipped');
  });

  it('takes input_image parts', async () => {
    const input = [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look' },
          { type: 'input_image', image_url: 'data:x' },
        ],
      },
    ];
    expect((await readJson(await respond({ input }))).output[0].content[0].text).toBe(
      'Simulated reply to: Look [image]',
    );
  });

  it('adds a reasoning item and reasoning tokens when reasoning.effort is set', async () => {
    const body = await readJson(await respond({ input: 'Why?', reasoning: { effort: 'high' } }));
    expect(body.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text' }] });
    expect(body.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it.each([
    ['max effort', { reasoning: { effort: 'max' } }, "Unexpected value 'max'"],
    ['temperature with reasoning', { reasoning: { effort: 'low' }, temperature: 0.3 }, 'temperature'],
    ['top_p with reasoning', { reasoning: { effort: 'low' }, top_p: 0.3 }, 'top_p'],
  ])('rejects %s with 400', async (_label, extra, text) => {
    const response = await respond({ input: 'x', ...extra });
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain(text);
  });

  it('accepts temperature without reasoning', async () => {
    expect((await respond({ input: 'x', temperature: 0.3 })).status).toBe(200);
  });
});

describe('POST /responses with stream: true', () => {
  it('sends named events whose type repeats the name, numbered in order, ending with response.completed', async () => {
    const events = await streamed({ input: userInput('Hello there') });
    for (const event of events) expect(event.data.type).toBe(event.name);
    expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_event, index) => index));
    expect(events.map((event) => event.name)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array(5).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const deltas = events.filter((event) => event.name === 'response.output_text.delta');
    expect(deltas.map((event) => event.data.delta).join('')).toBe('Simulated reply to: Hello there');
    expect(events.at(-1)?.data.response.usage.total_tokens).toBeGreaterThan(0);
  });

  it('streams a function call as output_item.added and function_call_arguments deltas', async () => {
    const events = await streamed({ input: userInput('order_id=B2'), tools: [lookupTool] });
    const added = events.find((event) => event.name === 'response.output_item.added');
    expect(added?.data.item).toMatchObject({ type: 'function_call', name: 'lookup_order', arguments: '' });
    const deltas = events.filter((event) => event.name === 'response.function_call_arguments.delta');
    expect(deltas.every((event) => event.data.item_id === added?.data.item.id)).toBe(true);
    expect(JSON.parse(deltas.map((event) => event.data.delta).join(''))).toEqual({ order_id: 'B2' });
  });

  it('streams reasoning summary events before the text when reasoning.effort is set', async () => {
    const events = await streamed({ input: 'Why?', reasoning: { effort: 'medium' } });
    const names = events.map((event) => event.name);
    expect(names).toContain('response.reasoning_summary_part.added');
    expect(names.indexOf('response.reasoning_summary_text.delta')).toBeLessThan(
      names.indexOf('response.output_text.delta'),
    );
    expect(names).toContain('response.reasoning_summary_text.done');
  });
});
