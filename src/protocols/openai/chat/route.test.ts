import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatResult } from '../../../core/model.ts';
import { chatAnswer, collectSseEvents } from '../../shared/route.fixtures.ts';
import { chatBody, post, useOpenAIChatRouteApp } from './route.fixtures.ts';

const buildApp = useOpenAIChatRouteApp();

describe('POST /v1/chat/completions', () => {
  it('answers a non-streaming request with a chat.completion echoing the requested model', async () => {
    const { app, calls } = await buildApp();
    const response = await post(app, chatBody);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 'chatcmpl-gw-1',
      object: 'chat.completion',
      model: 'my-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'The capital of France is Paris.' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
    });
    expect(calls.requests[0]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
    expect(calls.contexts[0]).toMatchObject({
      requestId: expect.any(String),
      promptCharacters: 'Capital of France?'.length,
    });
    expect(calls.contexts[0]?.signal.aborted).toBe(false);
  });

  it('sends the upstream generation id, the target of feedback, in x-sfgw-generation-id', async () => {
    const { app } = await buildApp({ chat: async () => ({ ...chatAnswer, generationId: 'gen-uuid-1' }) });
    const response = await post(app, chatBody);
    expect(response.headers['x-sfgw-generation-id']).toBe('gen-uuid-1');
    expect(response.json().id).toBe('chatcmpl-gw-1');
  });

  it('sends no generation-id header when the upstream gave none', async () => {
    const { app } = await buildApp();
    expect((await post(app, chatBody)).headers).not.toHaveProperty('x-sfgw-generation-id');
  });

  it('lists fields without effect, including those the pipeline adds, in x-sfgw-ignored-params', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...chatBody, user: 'u-1', logit_bias: { '1': 2 }, temperature: 0.2 });
    expect(response.headers['x-sfgw-ignored-params']).toBe('logit_bias,user,temperature');
  });

  it('streams SSE chunks ending with a usage chunk and [DONE]', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...chatBody,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['x-sfgw-ignored-params']).toBe('user,temperature');
    const events = collectSseEvents(response.body);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(
      chunks.every((chunk) => chunk.model === 'my-model' && chunk.object === 'chat.completion.chunk'),
    ).toBe(true);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
    });
  });
});

describe('client disconnect', () => {
  it('aborts the call context of a non-streaming request when the client goes away', async () => {
    let signalAborted: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      signalAborted = resolve;
    });
    const { app } = await buildApp({
      chat: (_request, context) =>
        new Promise<ChatResult>((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            signalAborted?.();
            reject(new GatewayError('upstream_timeout', 'aborted'));
          });
        }),
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new AbortController();
    const request = fetch(`${address}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody),
      signal: client.signal,
    });
    setTimeout(() => client.abort(), 50);
    await expect(request).rejects.toThrow();
    await aborted;
  });
});
