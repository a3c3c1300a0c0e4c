// A realistic Responses SSE transcript and helpers that run the decoder over it.
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { decodeResponsesStream } from './decode-responses-stream.ts';

const now = () => 1_760_000_000_000;

export function frame(data: Record<string, unknown>): string {
  return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function transcript(events: Array<Record<string, unknown>>): string {
  return events.map((data, sequence) => frame({ ...data, sequence_number: sequence })).join('');
}

export const snapshot = {
  id: 'resp_9f2',
  object: 'response',
  created_at: 1760621501,
  status: 'in_progress',
  model: 'gpt-5.4-2026-03-05',
  output: [],
  usage: null,
};

// A reasoning summary in two parts, text with multi-byte characters, a function call and a
// freeform call, as the upstream streams them.
export const realistic = transcript([
  { type: 'response.created', response: snapshot },
  { type: 'response.in_progress', response: snapshot },
  {
    type: 'response.output_item.added',
    output_index: 0,
    item: { id: 'rs_1', type: 'reasoning', summary: [] },
  },
  { type: 'response.reasoning_summary_part.added', item_id: 'rs_1', output_index: 0, summary_index: 0 },
  {
    type: 'response.reasoning_summary_text.delta',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    delta: 'Need ',
  },
  {
    type: 'response.reasoning_summary_text.delta',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    delta: 'stock.',
  },
  {
    type: 'response.reasoning_summary_text.done',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    text: 'Need stock.',
  },
  {
    type: 'response.reasoning_summary_text.delta',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 1,
    delta: 'Then price.',
  },
  {
    type: 'response.output_item.done',
    output_index: 0,
    item: { id: 'rs_1', type: 'reasoning', summary: [] },
  },
  {
    type: 'response.output_item.added',
    output_index: 1,
    item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
  },
  { type: 'response.content_part.added', item_id: 'msg_1', output_index: 1, content_index: 0, part: {} },
  {
    type: 'response.output_text.delta',
    item_id: 'msg_1',
    output_index: 1,
    content_index: 0,
    delta: 'Prüfe 🔧 ',
  },
  {
    type: 'response.output_text.delta',
    item_id: 'msg_1',
    output_index: 1,
    content_index: 0,
    delta: 'das Teil.',
  },
  {
    type: 'response.output_text.done',
    item_id: 'msg_1',
    output_index: 1,
    content_index: 0,
    text: 'Prüfe 🔧 das Teil.',
  },
  { type: 'response.content_part.done', item_id: 'msg_1', output_index: 1, content_index: 0, part: {} },
  { type: 'response.output_item.done', output_index: 1, item: { id: 'msg_1', type: 'message', content: [] } },
  {
    type: 'response.output_item.added',
    output_index: 2,
    item: { id: 'fc_1', type: 'function_call', call_id: 'call_Ab12', name: 'lookup', arguments: '' },
  },
  { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '{"sku":' },
  { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '"P-17"}' },
  {
    type: 'response.function_call_arguments.done',
    item_id: 'fc_1',
    output_index: 2,
    arguments: '{"sku":"P-17"}',
  },
  {
    type: 'response.output_item.done',
    output_index: 2,
    item: {
      id: 'fc_1',
      type: 'function_call',
      call_id: 'call_Ab12',
      name: 'lookup',
      arguments: '{"sku":"P-17"}',
    },
  },
  {
    type: 'response.output_item.added',
    output_index: 3,
    item: { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_Cd34', name: 'run_sql', input: '' },
  },
  { type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', output_index: 3, delta: 'SELECT ' },
  { type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', output_index: 3, delta: '1' },
  { type: 'response.custom_tool_call_input.done', item_id: 'ctc_1', output_index: 3, input: 'SELECT 1' },
  {
    type: 'response.completed',
    response: {
      ...snapshot,
      status: 'completed',
      usage: {
        input_tokens: 120,
        output_tokens: 48,
        output_tokens_details: { reasoning_tokens: 20 },
        total_tokens: 168,
      },
    },
  },
]);

export const realisticEvents: StreamEvent[] = [
  {
    type: 'response-start',
    id: 'resp_9f2',
    servedModel: 'gpt-5.4-2026-03-05',
    created: 1760621501,
    usage: zero(),
  },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'Need ' },
  { type: 'reasoning-delta', index: 0, delta: 'stock.' },
  { type: 'reasoning-delta', index: 0, delta: '\n\nThen price.' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Prüfe 🔧 ' },
  { type: 'text-delta', index: 1, delta: 'das Teil.' },
  { type: 'text-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'call_Ab12', name: 'lookup' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"sku":' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '"P-17"}' },
  { type: 'tool-call-end', index: 2, arguments: { sku: 'P-17' } },
  { type: 'tool-call-start', index: 3, id: 'call_Cd34', name: 'run_sql', freeform: true },
  { type: 'tool-call-delta', index: 3, argumentsDelta: 'SELECT ' },
  { type: 'tool-call-delta', index: 3, argumentsDelta: '1' },
  { type: 'tool-call-end', index: 3, arguments: 'SELECT 1' },
  {
    type: 'finish',
    finishReason: { unified: 'tool-calls', raw: 'completed' },
    usage: { inputTokens: 120, outputTokens: 48, totalTokens: 168 },
  },
];

export function zero() {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

async function* chunked(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

export async function collect(chunks: Uint8Array[]): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of decodeResponsesStream(chunked(chunks), now)) events.push(event);
  return events;
}

export async function decodeText(text: string): Promise<StreamEvent[]> {
  return collect([new TextEncoder().encode(text)]);
}

export async function failure(text: string): Promise<{ error: GatewayError; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of decodeResponsesStream(chunked([new TextEncoder().encode(text)]), now)) {
      events.push(event);
    }
  } catch (error) {
    if (error instanceof GatewayError) return { error, events };
    throw error;
  }
  throw new Error('expected the stream to throw');
}
