import { expect, it } from 'vitest';
import type { Simulator } from '../src/simulator/simulator.ts';
import { describeEachSurface } from './support/each-surface.ts';

// n8n's Calculator tool exactly as its AI Agent offers it: one optional argument, nothing required,
// so `{}` would pass validation if the parser ever invented it.
const calculatorParameters = {
  type: 'object',
  properties: { input: { type: 'string' } },
  additionalProperties: false,
};
const question = 'What is 12 times 7?';
const callId = 'call_n8n_calc';
// n8n sends the call id back inside the arguments of the call it replays.
const replayedArguments = JSON.stringify({ input: '12*7', id: callId });
const resultsBlockPattern = /<tool_results>[\s\S]*?<\/tool_results>/;

/** A model that answers by first quoting the gateway's own results block back, as models do. */
function restateResultsThenAnswer(simulator: Simulator): void {
  simulator.setResponder(({ messages }) => {
    const lastUser = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
    const quoted = resultsBlockPattern.exec(lastUser)?.[0];
    if (quoted === undefined) throw new Error('the tool result did not reach the model as a results block');
    return `The calculator returned:\n\n${quoted}\n\nSo 12 times 7 = 84.`;
  });
}

function post(gatewayUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer n8n-key' },
    body: JSON.stringify(body),
  });
}

describeEachSurface("n8n's AI Agent after its Calculator tool answered", (suite) => {
  it('gets a text answer, not another call, on /v1/chat/completions', async () => {
    restateResultsThenAnswer(suite.stack.simulator);
    const response = await post(suite.stack.url, '/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant' },
        { role: 'user', content: question },
        {
          role: 'assistant',
          content: [],
          tool_calls: [
            { id: callId, type: 'function', function: { name: 'Calculator', arguments: replayedArguments } },
          ],
        },
        { role: 'tool', tool_call_id: callId, content: '84' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'Calculator',
            description: 'Useful for getting the result of a math expression.',
            strict: false,
            parameters: calculatorParameters,
          },
        },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      choices: Array<{ finish_reason: string; message: { content: string | null; tool_calls?: unknown[] } }>;
    };
    const choice = body.choices[0];
    expect(choice?.finish_reason).toBe('stop');
    expect(choice?.message.tool_calls ?? []).toEqual([]);
    expect(choice?.message.content).toContain('12 times 7 = 84');
  });

  it('gets a text answer, not another call, on /v1/responses', async () => {
    restateResultsThenAnswer(suite.stack.simulator);
    const response = await post(suite.stack.url, '/v1/responses', {
      model: 'gpt-4o-mini',
      instructions: 'You are a helpful assistant',
      input: [
        { role: 'user', content: question },
        { type: 'function_call', call_id: callId, name: 'Calculator', arguments: replayedArguments },
        { type: 'function_call_output', call_id: callId, output: '84' },
      ],
      tools: [
        {
          type: 'function',
          name: 'Calculator',
          description: 'Useful for getting the result of a math expression.',
          strict: false,
          parameters: calculatorParameters,
        },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      output: Array<{ type: string; content?: Array<{ type: string; text?: string }> }>;
    };
    expect(body.status).toBe('completed');
    expect(body.output.map((item) => item.type)).toEqual(['message']);
    const text = body.output[0]?.content?.map((part) => part.text ?? '').join('');
    expect(text).toContain('12 times 7 = 84');
  });
});
