import { describe, expect, it } from 'vitest';
import { collectSseEvents } from '../../shared/route.fixtures.ts';
import { OutputItemStore } from './output-item-store.ts';
import { body, post, useResponsesRouteApp } from './routes.fixtures.ts';

const buildApp = useResponsesRouteApp();

describe('item references', () => {
  const firstMessageId = (response: { json(): { output: Array<{ id: string }> } }) =>
    response.json().output[0]?.id ?? '';

  function followUp(reference: Record<string, unknown>) {
    return {
      model: 'my-model',
      input: [
        { role: 'user', content: 'Capital of France?' },
        reference,
        { role: 'user', content: 'And of Spain?' },
      ],
    };
  }

  const conversation = [
    { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'The capital of France is Paris.' }] },
    { role: 'user', content: [{ type: 'text', text: 'And of Spain?' }] },
  ];

  it('resolve to the output of an earlier answer, which reaches the upstream as an assistant turn', async () => {
    const { app, requests } = await buildApp();
    const id = firstMessageId(await post(app, body));
    expect(id).toMatch(/^msg_/);
    const response = await post(app, followUp({ type: 'item_reference', id }));
    expect(response.statusCode).toBe(200);
    expect(requests[1]?.messages).toEqual(conversation);
  });

  it('resolve to the output of an earlier streamed answer', async () => {
    const { app, requests } = await buildApp();
    const streamed = await post(app, { ...body, stream: true });
    const completed = collectSseEvents(streamed.body).at(-1);
    expect(completed?.event).toBe('response.completed');
    const id = JSON.parse(completed?.data ?? '{}').response.output[0].id;
    const response = await post(app, followUp({ id }));
    expect(response.statusCode).toBe(200);
    expect(requests[1]?.messages).toEqual(conversation);
  });

  it('answer an unknown reference with a 400 naming the input index', async () => {
    const { app, requests } = await buildApp();
    const response = await post(app, followUp({ type: 'item_reference', id: 'msg_elsewhere_0' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      type: 'invalid_request_error',
      param: 'input[1]',
      code: 'unsupported_value',
    });
    expect(response.json().error.message).toContain(
      'input[1] is an item_reference to "msg_elsewhere_0", which this gateway does not hold',
    );
    expect(requests).toEqual([]);
  });

  it('use the store passed in, and each registration without one has its own', async () => {
    const itemStore = new OutputItemStore();
    const shared = await buildApp({}, itemStore);
    const id = firstMessageId(await post(shared.app, body));
    expect(itemStore.recall(id)).toMatchObject({ type: 'message', id });
    await shared.app.close();
    const separate = await buildApp();
    const response = await post(separate.app, followUp({ type: 'item_reference', id }));
    expect(response.statusCode).toBe(400);
  });
});
