import type { PlaygroundProtocol } from './playground-protocol.ts';

/** A tool call the model made: its name and its arguments as JSON text. */
export interface PlaygroundToolCall {
  /** The call's place in the stream (OpenAI's tool-call index, Anthropic's content block). */
  index: number;
  name: string;
  arguments: string;
}

/** The answer gathered so far from a stream, or read from a whole JSON answer. */
export interface PlaygroundAnswer {
  text: string;
  toolCalls: PlaygroundToolCall[];
  /** An error the gateway sent inside the stream or the body. */
  error: string | null;
}

type Json = Record<string, unknown>;

// Readers that take whatever a body holds and give the shape wanted, or an empty one.

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An answer with nothing in it yet. */
export function emptyAnswer(): PlaygroundAnswer {
  return { text: '', toolCalls: [], error: null };
}

/** Adds one streamed event (its parsed data) to `answer`, in `protocol`'s stream grammar. */
export function applyStreamEvent(
  answer: PlaygroundAnswer,
  protocol: PlaygroundProtocol,
  data: Json,
): PlaygroundAnswer {
  const next = {
    text: answer.text,
    toolCalls: answer.toolCalls.map((call) => ({ ...call })),
    error: answer.error,
  };
  if (data.error) next.error = describeError(data.error);
  else if (protocol === 'openai') applyOpenAIChunk(next, data);
  else applyAnthropicEvent(next, data);
  return next;
}

function applyOpenAIChunk(answer: PlaygroundAnswer, chunk: Json): void {
  const delta = asObject(asObject(asList(chunk.choices)[0]).delta);
  answer.text += asText(delta.content);
  for (const call of asList(delta.tool_calls).map(asObject)) {
    const index = typeof call.index === 'number' ? call.index : answer.toolCalls.length;
    let target = answer.toolCalls.find((known) => known.index === index);
    if (!target) {
      target = { index, name: '', arguments: '' };
      answer.toolCalls.push(target);
    }
    const definition = asObject(call.function);
    target.name += asText(definition.name);
    target.arguments += asText(definition.arguments);
  }
}

function applyAnthropicEvent(answer: PlaygroundAnswer, event: Json): void {
  const block = asObject(event.content_block);
  if (event.type === 'content_block_start' && block.type === 'tool_use') {
    answer.toolCalls.push({ index: Number(event.index), name: asText(block.name), arguments: '' });
  }
  if (event.type !== 'content_block_delta') return;
  const delta = asObject(event.delta);
  if (delta.type === 'text_delta') answer.text += asText(delta.text);
  if (delta.type === 'input_json_delta') {
    const call = answer.toolCalls.find((known) => known.index === Number(event.index));
    if (call) call.arguments += asText(delta.partial_json);
  }
}

/** Reads a whole (non-streamed) JSON answer in `protocol`'s shape. */
export function readWholeAnswer(protocol: PlaygroundProtocol, body: Json): PlaygroundAnswer {
  if (body.error) return { ...emptyAnswer(), error: describeError(body.error) };
  if (protocol === 'openai') {
    const message = asObject(asObject(asList(body.choices)[0]).message);
    return {
      text: asText(message.content),
      toolCalls: asList(message.tool_calls)
        .map(asObject)
        .map((call, index) => {
          const definition = asObject(call.function);
          return { index, name: asText(definition.name), arguments: asText(definition.arguments) };
        }),
      error: null,
    };
  }
  const blocks = asList(body.content).map(asObject);
  return {
    text: blocks.map((block) => (block.type === 'text' ? asText(block.text) : '')).join(''),
    toolCalls: blocks.flatMap((block, index) =>
      block.type === 'tool_use'
        ? [{ index, name: asText(block.name), arguments: JSON.stringify(block.input ?? {}) }]
        : [],
    ),
    error: null,
  };
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = asObject(error).message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}
