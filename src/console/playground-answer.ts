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

const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

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
  const delta = object(object(list(chunk.choices)[0]).delta);
  answer.text += text(delta.content);
  for (const call of list(delta.tool_calls).map(object)) {
    const index = typeof call.index === 'number' ? call.index : answer.toolCalls.length;
    let target = answer.toolCalls.find((known) => known.index === index);
    if (!target) {
      target = { index, name: '', arguments: '' };
      answer.toolCalls.push(target);
    }
    const definition = object(call.function);
    target.name += text(definition.name);
    target.arguments += text(definition.arguments);
  }
}

function applyAnthropicEvent(answer: PlaygroundAnswer, event: Json): void {
  const block = object(event.content_block);
  if (event.type === 'content_block_start' && block.type === 'tool_use') {
    answer.toolCalls.push({ index: Number(event.index), name: text(block.name), arguments: '' });
  }
  if (event.type !== 'content_block_delta') return;
  const delta = object(event.delta);
  if (delta.type === 'text_delta') answer.text += text(delta.text);
  if (delta.type === 'input_json_delta') {
    const call = answer.toolCalls.find((known) => known.index === Number(event.index));
    if (call) call.arguments += text(delta.partial_json);
  }
}

/** Reads a whole (non-streamed) JSON answer in `protocol`'s shape. */
export function readWholeAnswer(protocol: PlaygroundProtocol, body: Json): PlaygroundAnswer {
  if (body.error) return { ...emptyAnswer(), error: describeError(body.error) };
  if (protocol === 'openai') {
    const message = object(object(list(body.choices)[0]).message);
    return {
      text: text(message.content),
      toolCalls: list(message.tool_calls)
        .map(object)
        .map((call, index) => {
          const definition = object(call.function);
          return { index, name: text(definition.name), arguments: text(definition.arguments) };
        }),
      error: null,
    };
  }
  const blocks = list(body.content).map(object);
  return {
    text: blocks.map((block) => (block.type === 'text' ? text(block.text) : '')).join(''),
    toolCalls: blocks.flatMap((block, index) =>
      block.type === 'tool_use'
        ? [{ index, name: text(block.name), arguments: JSON.stringify(block.input ?? {}) }]
        : [],
    ),
    error: null,
  };
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = object(error).message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}
