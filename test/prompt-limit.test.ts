import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { PROMPT_TOKEN_LIMIT: '500' } });
});
afterAll(async () => {
  await stack?.close();
});

describe('prompt length', () => {
  it('refuses a prompt over PROMPT_TOKEN_LIMIT with a 400 saying "prompt is too long", before calling Salesforce', async () => {
    const failure = await stack.openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'word '.repeat(2_000) }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    const error = failure as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.message).toMatch(/prompt is too long: \d+ tokens > 500 maximum/);
    expect(error.code).toBe('context_length_exceeded');
    expect(stack.simulator.counters().chatGenerations).toBe(0);
  });

  it('lets a prompt under the limit through', async () => {
    const answer = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'word '.repeat(100) }],
    });
    expect(answer.choices[0]?.message.content).toBeTruthy();
  });
});
