import { type AIMessageChunk, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatRequest, ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { registerResponsesRoutes } from './routes.ts';

// LangChain's ChatOpenAI with useResponsesApi, which n8n's OpenAI Chat Model (v1.3+) turns on by
// default, against the real routes on a real socket.

const usage = { inputTokens: 30, outputTokens: 12, totalTokens: 42 };

function answerFor(request: ChatRequest): ChatResult {
  const last = request.messages.at(-1);
  const result = last?.role === 'tool' ? last.content.find((part) => part.type === 'tool-result') : undefined;
  let content: ChatResult['content'] = [{ type: 'text', text: 'Paris.' }];
  if (result) content = [{ type: 'text', text: `Answer: ${result.content}` }];
  else if (request.tools.length > 0) {
    content = [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'call_o1', name: 'lookup_order', arguments: { order_id: 'B52' } },
    ];
  }
  return {
    id: `gw-${request.messages.length}`,
    servedModel: 'sfdc_ai__Up',
    created: 1_760_000_000,
    content,
    finishReason: { unified: result || request.tools.length === 0 ? 'stop' : 'tool-calls', raw: null },
    usage,
  };
}

let app: FastifyInstance;
let baseURL: string;

beforeAll(async () => {
  app = Fastify();
  registerResponsesRoutes(app, {
    pipeline: {
      chat: async (request) => answerFor(request),
      streamChat: (request) => simulateStream(answerFor(request)),
    },
    keepAliveMs: 10_000,
  });
  baseURL = `${await app.listen({ port: 0, host: '127.0.0.1' })}/v1`;
});

afterAll(async () => {
  await app.close();
});

function chatModel() {
  return new ChatOpenAI({
    model: 'my-model',
    apiKey: 'test-key',
    useResponsesApi: true,
    configuration: { baseURL },
    maxRetries: 0,
  });
}

const lookupOrder = tool(async ({ order_id }) => `Order ${order_id} shipped on 3 May`, {
  name: 'lookup_order',
  description: 'Look up an order by its id',
  schema: z.object({ order_id: z.string() }),
});

describe('@langchain/openai ChatOpenAI with useResponsesApi', () => {
  it('invokes and streams a plain answer', async () => {
    const message = await chatModel().invoke([new HumanMessage('Capital of France?')]);
    expect(message.text).toBe('Paris.');
    let streamed = '';
    for await (const chunk of await chatModel().stream([new HumanMessage('Capital of France?')])) {
      streamed += chunk.text;
    }
    expect(streamed).toBe('Paris.');
  });

  it('completes a two-step agent loop, replaying the assistant turn it got back', async () => {
    const model = chatModel().bindTools([lookupOrder]);
    const history: BaseMessage[] = [new HumanMessage('Where is order B52?')];
    const first = await model.invoke(history);
    expect(first.tool_calls).toMatchObject([
      { name: 'lookup_order', args: { order_id: 'B52' }, id: 'call_o1' },
    ]);
    history.push(first);
    for (const call of first.tool_calls ?? []) {
      const output = await lookupOrder.invoke(call.args as { order_id: string });
      history.push(new ToolMessage({ content: output, tool_call_id: call.id ?? '' }));
    }
    const final = await model.invoke(history);
    expect(final.text).toBe('Answer: Order B52 shipped on 3 May');
  });

  it('assembles streamed tool calls', async () => {
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await chatModel()
      .bindTools([lookupOrder])
      .stream([new HumanMessage('Where is order B52?')])) {
      merged = merged ? merged.concat(chunk) : chunk;
    }
    expect(merged?.tool_calls).toMatchObject([{ name: 'lookup_order', args: { order_id: 'B52' } }]);
  });
});
