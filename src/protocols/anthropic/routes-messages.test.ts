import { describe, expect, it } from 'vitest';
import { simulateStream } from '../../streaming/simulate-stream.ts';
import { chatAnswer, collectSseEvents } from '../shared/route.fixtures.ts';
import { messagesBody, post, useAnthropicRouteApp } from './routes.fixtures.ts';

const buildApp = useAnthropicRouteApp();

describe('POST /v1/messages', () => {
  it('answers a non-streaming request with a message echoing the requested model', async () => {
    const { app, calls } = await buildApp();
    const response = await post(app, messagesBody);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: 'msg_gw-1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      content: [{ type: 'text', text: 'The capital of France is Paris.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 8,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(calls.requests[0]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
    expect(calls.requests[0]?.maxOutputTokens).toBe(1024);
    expect(calls.contexts[0]).toMatchObject({ promptCharacters: 'Capital of France?'.length });
  });

  it('sets request-id on every response', async () => {
    const { app } = await buildApp();
    const ok = await post(app, messagesBody);
    expect(ok.headers['request-id']).toEqual(expect.any(String));
    const failed = await post(app, { model: 'claude-sonnet-5' });
    expect(failed.headers['request-id']).toEqual(expect.any(String));
    expect(failed.json().request_id).toBe(failed.headers['request-id']);
  });

  it('ignores the query string, as Claude Code sends ?beta=true', async () => {
    const { app } = await buildApp();
    const response = await post(app, messagesBody, { url: '/v1/messages?beta=true' });
    expect(response.statusCode).toBe(200);
    expect(response.json().type).toBe('message');
  });

  it('accepts both x-api-key and Authorization: Bearer, and anthropic-beta', async () => {
    const { app } = await buildApp();
    const variants: Array<Record<string, string>> = [
      { 'x-api-key': 'sk-gw-1' },
      { authorization: 'Bearer sk-gw-1' },
      { 'x-api-key': 'sk-gw-1', authorization: 'Bearer sk-gw-1', 'anthropic-beta': 'claude-code-20250219' },
    ];
    for (const headers of variants) {
      expect((await post(app, messagesBody, { headers })).statusCode).toBe(200);
    }
  });

  it('lists fields without effect, including those the pipeline adds, in x-sfgw-ignored-params', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...messagesBody,
      metadata: { user_id: 'u-1' },
      thinking: { type: 'adaptive' },
      context_management: { edits: [] },
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
    });
    expect(response.headers['x-sfgw-ignored-params']).toBe(
      'context_management,tools.web_search,max_tokens,thinking',
    );
  });

  it('streams named events in the Anthropic grammar, without [DONE]', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...messagesBody, stream: true, thinking: { type: 'adaptive' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['request-id']).toEqual(expect.any(String));
    expect(response.headers['x-sfgw-ignored-params']).toBe('max_tokens,thinking');
    expect(response.body).not.toContain('[DONE]');
    const events = collectSseEvents(response.body);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-4)).toEqual([
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => JSON.parse(event.data).delta.text)
      .join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(JSON.parse(events[0]?.data ?? '{}').message.model).toBe('claude-sonnet-5');
  });

  it('sends ping events while the upstream is still working', async () => {
    const { app } = await buildApp(
      {
        async *streamChat() {
          await new Promise((resolve) => setTimeout(resolve, 120));
          yield* simulateStream(chatAnswer);
        },
      },
      10,
    );
    const response = await post(app, { ...messagesBody, stream: true });
    const events = collectSseEvents(response.body);
    const firstStart = events.findIndex((event) => event.event === 'message_start');
    expect(firstStart).toBeGreaterThan(0);
    expect(
      events
        .slice(0, firstStart)
        .every((event) => event.event === 'ping' && event.data === '{"type":"ping"}'),
    ).toBe(true);
    expect(events.at(-1)?.event).toBe('message_stop');
  });
});
