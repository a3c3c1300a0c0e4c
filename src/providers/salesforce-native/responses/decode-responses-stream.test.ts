import { describe, expect, it } from 'vitest';
import {
  collect,
  decodeText,
  frame,
  realistic,
  realisticEvents,
  snapshot,
  transcript,
  zero,
} from './responses-stream.fixtures.ts';

describe('decodeResponsesStream', () => {
  it('maps a realistic transcript to neutral events', async () => {
    expect(await decodeText(realistic)).toEqual(realisticEvents);
  });

  it('gives the same events whatever byte offset the body is split at', async () => {
    const bytes = new TextEncoder().encode(realistic);
    for (let offset = 1; offset < bytes.length; offset += 1) {
      const events = await collect([bytes.subarray(0, offset), bytes.subarray(offset)]);
      expect(events, `split at byte ${offset}`).toEqual(realisticEvents);
    }
  });

  it('gives the same events when every byte arrives alone, with CRLF line ends', async () => {
    const bytes = new TextEncoder().encode(realistic.replaceAll('\n', '\r\n'));
    const single = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await collect(single)).toEqual(realisticEvents);
  });

  it('stops at the terminal event and ignores what follows', async () => {
    const events = await decodeText(
      `${realistic}data: [DONE]\n\n${frame({ type: 'error', message: 'late' })}`,
    );
    expect(events).toEqual(realisticEvents);
  });

  it('reports length for an incomplete response and plain stop for text only', async () => {
    const incomplete = await decodeText(
      transcript([
        { type: 'response.created', response: snapshot },
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        {
          type: 'response.output_text.delta',
          item_id: 'm',
          output_index: 0,
          content_index: 0,
          delta: 'The pump',
        },
        {
          type: 'response.incomplete',
          response: {
            ...snapshot,
            status: 'incomplete',
            incomplete_details: { reason: 'max_output_tokens' },
          },
        },
      ]),
    );
    expect(incomplete.slice(-2)).toEqual([
      { type: 'text-end', index: 0 },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_output_tokens' }, usage: zero() },
    ]);
    const plain = await decodeText(
      transcript([
        { type: 'response.created', response: snapshot },
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        { type: 'response.output_text.delta', item_id: 'm', output_index: 0, content_index: 0, delta: 'Hi' },
        {
          type: 'response.output_item.done',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        { type: 'response.completed', response: { ...snapshot, status: 'completed' } },
      ]),
    );
    expect(plain.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: zero(),
    });
  });

  it('supplies text and arguments that arrive only in done events', async () => {
    const events = await decodeText(
      transcript([
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        {
          type: 'response.output_text.done',
          item_id: 'm',
          output_index: 0,
          content_index: 0,
          text: 'Whole text',
        },
        {
          type: 'response.output_item.done',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        {
          type: 'response.output_item.done',
          output_index: 1,
          item: { id: 'fc', type: 'function_call', call_id: 'call_1', name: 'ping', arguments: '' },
        },
        {
          type: 'response.output_item.done',
          output_index: 2,
          item: { id: 'rs', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thought.' }] },
        },
        {
          type: 'response.output_item.done',
          output_index: 3,
          item: { id: 'rs2', type: 'reasoning', summary: [] },
        },
        { type: 'response.completed', response: { ...snapshot, status: 'completed' } },
      ]),
    );
    expect(events).toEqual([
      {
        type: 'response-start',
        id: expect.any(String),
        servedModel: 'unknown',
        created: 1_760_000_000,
        usage: zero(),
      },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Whole text' },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_1', name: 'ping' },
      { type: 'tool-call-end', index: 1, arguments: {} },
      { type: 'reasoning-start', index: 2 },
      { type: 'reasoning-delta', index: 2, delta: 'Thought.' },
      { type: 'reasoning-end', index: 2 },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' }, usage: zero() },
    ]);
  });

  it('closes items the upstream left open before the finish, parsing repaired arguments', async () => {
    const events = await decodeText(
      transcript([
        { type: 'response.created', response: snapshot },
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: { id: 'fc', type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '' },
        },
        {
          type: 'response.function_call_arguments.delta',
          item_id: 'fc',
          output_index: 0,
          delta: "{sku: 'P-17'",
        },
        { type: 'response.completed', response: { ...snapshot, status: 'completed' } },
      ]),
    );
    expect(events.slice(-2)).toEqual([
      { type: 'tool-call-end', index: 0, arguments: { sku: 'P-17' } },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' }, usage: zero() },
    ]);
  });

  it('finds the item by item_id when output_index is missing, and ignores unknown events', async () => {
    const events = await decodeText(
      transcript([
        { type: 'response.created', response: snapshot },
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: { id: 'm', type: 'message', content: [] },
        },
        { type: 'response.output_text.annotation.added', item_id: 'm', output_index: 0, annotation: {} },
        { type: 'response.output_text.delta', item_id: 'm', content_index: 0, delta: 'Hi' },
        { type: 'response.some_future_event', output_index: 0 },
        { type: 'response.completed', response: { ...snapshot, status: 'completed' } },
      ]),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  it('reads a terminal event that lacks its final blank line', async () => {
    const events = await decodeText(
      `${frame({ type: 'response.created', response: snapshot })}event: response.completed\ndata: {"type":"response.completed","response":{"status":"completed"}}`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } });
  });
});
