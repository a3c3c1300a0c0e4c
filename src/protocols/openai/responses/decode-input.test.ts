import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { decodeInput } from './decode-input.ts';
import { OutputItemStore } from './output-item-store.ts';
import type { WireInputItem } from './schema.ts';

function failure(input: WireInputItem[]): GatewayError {
  return thrownGatewayError(() => decodeInput(input, undefined));
}

describe('decodeInput', () => {
  it('turns a string into one user message, after the instructions', () => {
    expect(decodeInput('Capital of France?', 'Answer in French.')).toEqual({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
      ],
      ignoredFields: [],
      imageParts: [],
    });
  });

  it('decodes message items with each text content type, developer as system', () => {
    const { messages } = decodeInput(
      [
        { role: 'developer', content: 'Be brief.' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Use metric units.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Hi' },
            { type: 'input_text', text: 'there' },
          ],
        },
        {
          type: 'message',
          id: 'msg_9',
          status: 'completed',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'Hello!', annotations: [] },
            { type: 'refusal', refusal: 'I cannot share that.' },
          ],
        },
        { role: 'user', content: '' },
      ],
      null,
    );
    expect(messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'system', content: [{ type: 'text', text: 'Use metric units.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'text', text: 'there' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Hello!' },
          { type: 'text', text: 'I cannot share that.' },
        ],
      },
      { role: 'user', content: [] },
    ]);
  });

  it.each([
    [{ type: 'input_file', file_id: 'file-1' }, 'a file'],
    [{ type: 'input_audio', input_audio: {} }, 'audio'],
    [{ type: 'video' }, 'a "video" part'],
  ])('refuses %j in a message with a 400 naming the part', (part, what) => {
    const error = failure([{ role: 'user', content: [{ type: 'input_text', text: 'Look:' }, part] }]);
    expect(error.param).toBe('input[0].content[1]');
    expect(error.code).toBe('unsupported_content');
    expect(error.message).toBe(
      `input[0].content[1] is ${what}, but the Salesforce Models API accepts text only; send the content as text.`,
    );
  });

  it('joins an assistant message and the function calls after it into one turn, and pairs outputs', () => {
    const { messages } = decodeInput(
      [
        { role: 'user', content: 'Where are orders A17 and B2?' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'call_1',
          name: 'lookup_order',
          arguments: '{"order_id":"A17"}',
          status: 'completed',
        },
        { type: 'function_call', call_id: 'call_2', name: 'lookup_order', arguments: '{"order_id":"B2"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'shipped' },
        {
          type: 'function_call_output',
          call_id: 'call_2',
          output: [
            { type: 'input_text', text: 'pending' },
            { type: 'input_image', image_url: 'https://example.com/label.png' },
          ],
        },
        { type: 'function_call', call_id: 'call_3', name: 'ping', arguments: 'not json' },
        { type: 'function_call_output', call_id: 'call_3' },
      ],
      null,
    );
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Where are orders A17 and B2?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'call_1', name: 'lookup_order', arguments: { order_id: 'A17' } },
          { type: 'tool-call', id: 'call_2', name: 'lookup_order', arguments: { order_id: 'B2' } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 'call_1', content: 'shipped', isError: false },
          {
            type: 'tool-result',
            callId: 'call_2',
            content: 'pending\n[an image omitted: the model accepts text only]',
            isError: false,
          },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_3', name: 'ping', arguments: 'not json' }],
      },
      { role: 'tool', content: [{ type: 'tool-result', callId: 'call_3', content: '', isError: false }] },
    ]);
  });

  it('drops reasoning silently and hosted-tool records with a report', () => {
    expect(
      decodeInput(
        [
          { role: 'user', content: 'Search the news.' },
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
          { type: 'web_search_call', id: 'ws_1', status: 'completed' },
          { type: 'mcp_list_tools', id: 'mcpl_1', server_label: 'x', tools: [] },
          { role: 'assistant', content: 'Nothing new.' },
        ],
        null,
      ),
    ).toEqual({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Search the news.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Nothing new.' }] },
      ],
      ignoredFields: ['input.web_search_call', 'input.mcp_list_tools'],
      imageParts: [],
    });
  });

  it('decodes references to stored items exactly as the items sent in full', () => {
    const earlierMessage = {
      type: 'message',
      id: 'msg_r_0',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Let me check.', annotations: [] }],
    };
    const earlierCall = {
      type: 'function_call',
      id: 'fc_r_1',
      call_id: 'call_1',
      name: 'weather',
      arguments: '{"city":"Oslo"}',
      status: 'completed',
    };
    const store = new OutputItemStore();
    store.remember([earlierMessage, earlierCall]);
    const question = { role: 'user', content: 'Weather in Oslo?' };
    const result = { type: 'function_call_output', call_id: 'call_1', output: '12 degrees' };
    const referenced = decodeInput(
      [question, { type: 'item_reference', id: 'msg_r_0' }, { id: 'fc_r_1' }, result],
      null,
      store,
    );
    expect(referenced.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool-call', id: 'call_1', name: 'weather', arguments: { city: 'Oslo' } },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_1', content: '12 degrees', isError: false }],
      },
    ]);
    expect(referenced).toEqual(decodeInput([question, earlierMessage, earlierCall, result], null));
    // Items sent in full decode the same whether or not the store holds them.
    expect(decodeInput([question, earlierMessage, earlierCall, result], null, store)).toEqual(referenced);
  });

  it.each([[{ type: 'item_reference', id: 'msg_1' }], [{ id: 'msg_1' }]])(
    'refuses the unknown item reference %j with the fix',
    (item) => {
      const error = failure([{ role: 'user', content: 'Hi' }, item]);
      expect(error.param).toBe('input[1]');
      expect(error.status).toBe(400);
      expect(error.message).toBe(
        'input[1] is an item_reference to "msg_1", which this gateway does not hold: it does not store responses, and references resolve only to output items this gateway instance produced (or resolved) in the last hour. Send the full items instead, or set store: false (with the Vercel AI SDK, providerOptions.openai.store = false).',
      );
    },
  );

  it.each([
    [30 * 60_000, 'in the last 30 minutes.'],
    [2 * 3_600_000, 'in the last 2 hours.'],
  ])('names a retention of %i ms in the refusal', (ttlMs, window) => {
    const store = new OutputItemStore({ ttlMs });
    store.remember([{ type: 'message', id: 'msg_known', role: 'assistant', content: 'Hi' }]);
    expect(() =>
      decodeInput(
        [
          { type: 'item_reference', id: 'msg_known' },
          { type: 'item_reference', id: 'msg_x' },
        ],
        null,
        store,
      ),
    ).toThrow('input[1] is an item_reference to "msg_x", which this gateway does not hold');
    expect(() => decodeInput([{ type: 'item_reference', id: 'msg_x' }], null, store)).toThrow(window);
  });

  it.each([
    [{ type: 'configuration_update', text: {} }, 'input[0]', 'input[0] is a "configuration_update" item'],
    [
      { type: 'function_call', name: 'x', arguments: '{}' },
      'input[0].call_id',
      'input[0].call_id is required.',
    ],
    [{ type: 'function_call_output', output: 'x' }, 'input[0].call_id', 'input[0].call_id is required.'],
    [{ role: 'tool', content: 'x' }, 'input[0].role', 'input[0].role must be one of'],
    [{}, 'input[0].role', 'input[0].role must be one of user, assistant, system, developer'],
  ])('refuses the malformed or unsupported item %j', (item, param, message) => {
    const error = failure([item]);
    expect(error.param).toBe(param);
    expect(error.message).toContain(message);
  });
});
