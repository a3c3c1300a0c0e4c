import { randomBytes } from 'node:crypto';
import { splitArgumentsIntoDeltas, splitTextIntoDeltas } from './delta-pieces.ts';
import type { NativeReply } from './native-reply.ts';

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function buildOutput(reply: NativeReply): Record<string, unknown>[] {
  return [
    ...(reply.reasoning === undefined
      ? []
      : [{ id: newId('rs'), type: 'reasoning', summary: [{ type: 'summary_text', text: reply.reasoning }] }]),
    ...(reply.text === ''
      ? []
      : [
          {
            id: newId('msg'),
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text: reply.text, annotations: [] }],
          },
        ]),
    ...reply.toolCalls.map((call) =>
      call.freeform
        ? {
            id: newId('ctc'),
            type: 'custom_tool_call',
            status: 'completed',
            call_id: call.id,
            name: call.name,
            input: String(call.arguments),
          }
        : {
            id: newId('fc'),
            type: 'function_call',
            call_id: call.id,
            name: call.name,
            arguments: JSON.stringify(call.arguments),
            status: 'completed',
          },
    ),
  ];
}

/** The Responses API `Response` object of a whole answer. */
export function buildResponseObject(
  model: string,
  reply: NativeReply,
  nowMs: number,
): Record<string, unknown> {
  const incomplete = reply.finishReason === 'length';
  const { inputTokens, outputTokens, reasoningTokens } = reply.usage;
  return {
    id: newId('resp'),
    object: 'response',
    created_at: Math.floor(nowMs / 1000),
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    model,
    output: buildOutput(reply),
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

type Item = Record<string, unknown>;

function itemEvents(item: Item, output_index: number): object[] {
  const item_id = item.id;
  const keys = { item_id, output_index };
  if (item.type === 'reasoning') {
    const [summary] = item.summary as { text: string }[];
    const text = summary?.text ?? '';
    const part = { type: 'summary_text', text };
    return [
      {
        type: 'response.reasoning_summary_part.added',
        ...keys,
        summary_index: 0,
        part: { ...part, text: '' },
      },
      ...splitTextIntoDeltas(text).map((delta) => ({
        type: 'response.reasoning_summary_text.delta',
        ...keys,
        summary_index: 0,
        delta,
      })),
      { type: 'response.reasoning_summary_text.done', ...keys, summary_index: 0, text },
      { type: 'response.reasoning_summary_part.done', ...keys, summary_index: 0, part },
    ];
  }
  if (item.type === 'function_call') {
    const text = String(item.arguments);
    return [
      ...splitArgumentsIntoDeltas(text).map((delta) => ({
        type: 'response.function_call_arguments.delta',
        ...keys,
        delta,
      })),
      { type: 'response.function_call_arguments.done', ...keys, arguments: text },
    ];
  }
  if (item.type === 'custom_tool_call') {
    const input = String(item.input);
    return [
      ...splitArgumentsIntoDeltas(input).map((delta) => ({
        type: 'response.custom_tool_call_input.delta',
        ...keys,
        delta,
      })),
      { type: 'response.custom_tool_call_input.done', ...keys, input },
    ];
  }
  const [part] = item.content as { text: string }[];
  const text = part?.text ?? '';
  const partKeys = { ...keys, content_index: 0 };
  return [
    { type: 'response.content_part.added', ...partKeys, part: { ...part, text: '' } },
    ...splitTextIntoDeltas(text).map((delta) => ({ type: 'response.output_text.delta', ...partKeys, delta })),
    { type: 'response.output_text.done', ...partKeys, text },
    { type: 'response.content_part.done', ...partKeys, part },
  ];
}

// What an item looks like when announced, before its content has streamed.
function emptied(item: Item): Item {
  if (item.type === 'reasoning') return { ...item, summary: [] };
  if (item.type === 'function_call') return { ...item, arguments: '', status: 'in_progress' };
  if (item.type === 'custom_tool_call') return { ...item, input: '', status: 'in_progress' };
  return { ...item, content: [], status: 'in_progress' };
}

/** The stream events of the same answer, without sequence numbers, `response.created` to the terminal event. */
export function buildResponseEvents(response: Record<string, unknown>): object[] {
  const output = response.output as Item[];
  const pending = { ...response, status: 'in_progress', output: [], usage: null, incomplete_details: null };
  const terminal = response.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  return [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
    ...output.flatMap((item, index) => [
      { type: 'response.output_item.added', output_index: index, item: emptied(item) },
      ...itemEvents(item, index),
      { type: 'response.output_item.done', output_index: index, item },
    ]),
    { type: terminal, response },
  ];
}

/** Writes one event as SSE with its `event:` line and its `sequence_number`. */
export function encodeResponseEvent(event: object, sequenceNumber: number): string {
  const data = { ...event, sequence_number: sequenceNumber };
  return `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(data)}\n\n`;
}
