import { describe, expect, it } from 'vitest';
import { collectSseEvents } from '../../shared/route.fixtures.ts';
import { body, post, useResponsesRouteApp } from './routes.fixtures.ts';

const buildApp = useResponsesRouteApp();

describe('POST /v1/responses', () => {
  it('answers with a Response object echoing the requested model and the settings', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, { ...body, instructions: 'Be brief.', metadata: { team: 'sales' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-sfgw-generation-id']).toBe('gen-1');
    expect(response.json()).toMatchObject({
      id: 'resp_gw-1',
      object: 'response',
      status: 'completed',
      model: 'my-model',
      instructions: 'Be brief.',
      metadata: { team: 'sales' },
      store: false,
      output: [
        {
          type: 'message',
          id: 'msg_gw-1_0',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'The capital of France is Paris.', annotations: [] }],
        },
      ],
      usage: { input_tokens: 12, output_tokens: 8, total_tokens: 20 },
    });
    expect(requests[0]?.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
  });

  it('names fields without effect in x-sfgw-ignored-params, with the token limit as max_output_tokens', async () => {
    const { app } = await buildApp();
    const response = await post(app, {
      ...body,
      store: true,
      max_output_tokens: 50,
      tools: [{ type: 'web_search' }],
    });
    expect(response.headers['x-sfgw-ignored-params']).toBe('store,tools.web_search,max_output_tokens');
    expect(response.json()).toMatchObject({ store: false, max_output_tokens: 50 });
  });

  it('streams the Responses event grammar, ending with response.completed', async () => {
    const { app } = await buildApp();
    const response = await post(app, { ...body, stream: true, store: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['x-sfgw-ignored-params']).toBe('store');
    const events = collectSseEvents(response.body);
    expect(events.every((event) => JSON.parse(event.data).type === event.event)).toBe(true);
    expect(events[0]?.event).toBe('response.created');
    expect(events.at(-1)?.event).toBe('response.completed');
    expect(response.body).not.toContain('[DONE]');
    const text = events
      .filter((event) => event.event === 'response.output_text.delta')
      .map((event) => JSON.parse(event.data).delta)
      .join('');
    expect(text).toBe('The capital of France is Paris.');
    expect(JSON.parse(events.at(-1)?.data ?? '{}').response).toMatchObject({
      model: 'my-model',
      store: false,
    });
  });
});
