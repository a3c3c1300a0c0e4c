import { type AIMessageChunk, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachSurface } from './support/each-surface.ts';

// @langchain/openai's ChatOpenAI is what n8n's OpenAI Chat Model node and AI Agent run on.
function chatModel(gatewayUrl: string, options: { streaming?: boolean } = {}) {
  return new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test-key',
    configuration: { baseURL: `${gatewayUrl}/v1` },
    maxRetries: 0,
    ...options,
  });
}

const lookupOrder = tool(async ({ order_id }) => `Order ${order_id} shipped on 3 May`, {
  name: 'lookup_order',
  description: 'Look up an order by its id',
  schema: z.object({ order_id: z.string().describe('The order id') }),
});

describeEachSurface('@langchain/openai ChatOpenAI against the gateway', (suite) => {
  const { surface } = suite;
  it('bindTools + invoke returns tool_calls with parsed args', async () => {
    const message = await chatModel(suite.stack.url)
      .bindTools([lookupOrder])
      .invoke([new HumanMessage('Where is my order? order_id=A17')]);
    expect(message.tool_calls).toHaveLength(1);
    expect(message.tool_calls?.[0]).toMatchObject({ name: 'lookup_order', args: { order_id: 'A17' } });
    expect(message.tool_calls?.[0]?.id).toMatch(/^call_/);
  });

  it('completes a two-step agent loop', async () => {
    const model = chatModel(suite.stack.url).bindTools([lookupOrder]);
    const history: BaseMessage[] = [new HumanMessage('Where is order order_id=B52?')];
    const first = await model.invoke(history);
    history.push(first);
    for (const call of first.tool_calls ?? []) {
      const output = await lookupOrder.invoke(call.args as { order_id: string });
      history.push(new ToolMessage({ content: output, tool_call_id: call.id ?? '' }));
    }
    expect(history).toHaveLength(3);
    const final = await model.invoke(history);
    expect(final.tool_calls ?? []).toEqual([]);
    expect(String(final.content)).toContain('Order B52 shipped on 3 May');
  });

  it('streams with include_usage and assembles text and usage', async () => {
    suite.stack.simulator.enqueueReplies('Streaming through LangChain works.');
    const stream = await chatModel(suite.stack.url, { streaming: true }).stream([
      new HumanMessage('Say something'),
    ]);
    let merged: AIMessageChunk | undefined;
    for await (const chunk of stream) merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.content).toBe('Streaming through LangChain works.');
    expect(merged?.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(merged?.usage_metadata?.total_tokens).toBe(
      (merged?.usage_metadata?.input_tokens ?? 0) + (merged?.usage_metadata?.output_tokens ?? 0),
    );
    if (surface === 'models') {
      expect(suite.stack.simulator.requests('chat-generations')).toHaveLength(1);
    } else {
      // streamed for real: one streaming /responses call
      const sent = suite.stack.simulator.requests('responses');
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toMatchObject({ stream: true });
    }
  });

  it('streams tool calls that LangChain assembles', async () => {
    const stream = await chatModel(suite.stack.url, { streaming: true })
      .bindTools([lookupOrder])
      .stream([new HumanMessage('Track order_id=C3')]);
    let merged: AIMessageChunk | undefined;
    for await (const chunk of stream) merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.tool_calls?.[0]).toMatchObject({ name: 'lookup_order', args: { order_id: 'C3' } });
  });
});
