import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildStructuredOutputCorrection,
  buildStructuredOutputInstructions,
} from '../emulation/structured-output-prompt.ts';
import { renderToolResults } from '../emulation/tools/envelope.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { startSimulator } from './simulator.ts';
import { createSimulatorClient, readJson } from './simulator-client.ts';

const simulator = await startSimulator();
const client = createSimulatorClient(simulator);
const token = await client.fetchToken();
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const model = 'sfdc_ai__DefaultGPT4OmniMini';
const lookupOrder = {
  name: 'lookup_order',
  description: 'Find an order',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
};
const tools = buildToolInstructions([lookupOrder], { type: 'auto' }, false);

async function chat(messages: Array<{ role: string; content: string }>): Promise<string> {
  const response = await client.post(`/models/${model}/chat-generations`, { token, body: { messages } });
  expect(response.status).toBe(200);
  return (await readJson(response)).generationDetails.generations[0].content;
}

async function generate(prompt: string): Promise<string> {
  const response = await client.post(`/models/${model}/generations`, { token, body: { prompt } });
  expect(response.status).toBe(200);
  return (await readJson(response)).generation.generatedText;
}

describe('default scenarios over HTTP', () => {
  it('runs a whole tool loop on chat-generations: call, then a summary of the results', async () => {
    const question = [
      { role: 'system', content: `${tools}\n\nYou help with orders.` },
      { role: 'user', content: 'Where is order_id=A17?' },
    ];
    const call = await chat(question);
    expect(call).toBe(
      '<tool_calls>\n[{"name":"lookup_order","arguments":{"order_id":"A17"}}]\n</tool_calls>',
    );
    const results = renderToolResults([
      { call_id: 'call_1', name: 'lookup_order', content: 'shipped', is_error: false },
    ]);
    const answer = await chat([
      ...question,
      { role: 'assistant', content: call },
      { role: 'user', content: results },
    ]);
    expect(answer).toBe('Based on the tool results: lookup_order: shipped');
  });

  it('writes the shape the marker asks for', async () => {
    const reply = await chat([
      { role: 'system', content: tools },
      { role: 'user', content: '#tool-shape=function-wrapper order_id: B2' },
    ]);
    expect(reply).toBe('{"tool_calls":[{"function":{"name":"lookup_order","arguments":{"order_id":"B2"}}}]}');
  });

  it('serves invalid-then-valid structured output on generations', async () => {
    const schema = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] };
    const instructions = buildStructuredOutputInstructions({
      type: 'json-schema',
      name: 'order',
      schema,
      strict: true,
    });
    const prompt = `${instructions}\n\n#json-shape=invalid-then-valid status=open`;
    expect(await generate(prompt)).toBe('{}');
    const correction = buildStructuredOutputCorrection('missing property "status"');
    expect(await generate(`${prompt}\n{}\n${correction}`)).toBe('{"status":"open"}');
  });

  it('still lets queued replies and the responder take precedence', async () => {
    const question = [
      { role: 'system', content: tools },
      { role: 'user', content: 'order_id=A17' },
    ];
    simulator.enqueueReplies('scripted');
    expect(await chat(question)).toBe('scripted');
    simulator.setResponder(() => 'from the responder');
    expect(await chat(question)).toBe('from the responder');
    simulator.setResponder(undefined);
    expect(await chat(question)).toBe(
      '<tool_calls>\n[{"name":"lookup_order","arguments":{"order_id":"A17"}}]\n</tool_calls>',
    );
  });
});
