import { expect } from 'vitest';
import type { CallResponse, ClientCall } from './client-calls.ts';

/** How a request ended, once its wire format has been checked against the caller's protocol. */
export type Outcome =
  | { kind: 'answer'; text: string }
  | {
      kind: 'error';
      status: number;
      /** The protocol's error type, e.g. `server_error` or `overloaded_error`. */
      type: string;
      message: string;
      retryAfter: string | undefined;
      /** The error came as an event inside a stream whose 200 had already gone out. */
      inStream: boolean;
    };

// biome-ignore lint/suspicious/noExplicitAny: the checks below walk wire bodies whose shape is what they assert
type Json = any;

interface SseFrame {
  event: string | undefined;
  data: string;
}

// Deliberately independent of the gateway's own SSE code: frames end at a blank line.
function parseFrames(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n') });
  }
  return frames;
}

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON: ${text.slice(0, 200)}`);
  }
}

function readErrorBody(call: ClientCall, response: CallResponse): Outcome {
  expect(response.headers['content-type'], 'an error is JSON').toMatch(/^application\/json/);
  const body = parseJson(response.text, `the ${response.status} body`);
  const error = call.protocol === 'openai' ? readOpenAIError(body) : readAnthropicError(body);
  const retryAfter = response.headers['retry-after'];
  return { kind: 'error', status: response.status, ...error, retryAfter, inStream: false };
}

function readOpenAIError(body: Json): { type: string; message: string } {
  expect(body).toEqual({
    error: {
      message: expect.any(String),
      type: expect.any(String),
      param: expect.toSatisfy((value) => value === null || typeof value === 'string'),
      code: expect.toSatisfy((value) => value === null || typeof value === 'string'),
    },
  });
  return { type: body.error.type, message: body.error.message };
}

function readAnthropicError(body: Json): { type: string; message: string } {
  expect(body).toMatchObject({
    type: 'error',
    error: { type: expect.any(String), message: expect.any(String) },
  });
  return { type: body.error.type, message: body.error.message };
}

function readWholeAnswer(call: ClientCall, response: CallResponse): Outcome {
  expect(response.headers['content-type'], 'an answer is JSON').toMatch(/^application\/json/);
  const body = parseJson(response.text, 'the answer');
  if (call.protocol === 'openai') {
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant' } }] });
    return { kind: 'answer', text: body.choices[0].message.content };
  }
  expect(body).toMatchObject({ type: 'message', role: 'assistant', content: expect.any(Array) });
  return { kind: 'answer', text: body.content.map((block: Json) => block.text ?? '').join('') };
}

function readOpenAIStream(frames: SseFrame[]): Outcome {
  let text = '';
  let finished = false;
  for (const [position, frame] of frames.entries()) {
    const last = position === frames.length - 1;
    expect(frame.event, 'OpenAI frames carry no event name').toBeUndefined();
    if (frame.data === '[DONE]') {
      expect(last, '[DONE] ends the stream').toBe(true);
      expect(finished, '[DONE] only after a finish_reason').toBe(true);
      return { kind: 'answer', text };
    }
    const chunk = parseJson(frame.data, 'a stream chunk');
    if (chunk.error !== undefined) {
      expect(last, 'an error event is the last frame (no [DONE] after it)').toBe(true);
      const error = readOpenAIError(chunk);
      return { kind: 'error', status: 200, ...error, retryAfter: undefined, inStream: true };
    }
    expect(chunk.object).toBe('chat.completion.chunk');
    const [choice] = chunk.choices;
    text += choice?.delta?.content ?? '';
    if (choice?.finish_reason) finished = true;
  }
  throw new Error('the OpenAI stream closed silently: no [DONE] and no error event');
}

function readAnthropicStream(frames: SseFrame[]): Outcome {
  let text = '';
  const events = frames.filter((frame) => frame.event !== 'ping');
  for (const [position, frame] of events.entries()) {
    const last = position === events.length - 1;
    const data = parseJson(frame.data, `the ${frame.event} event`);
    expect(data.type, 'each event names its type twice').toBe(frame.event);
    if (frame.event === 'error') {
      expect(last, 'an error event ends the stream').toBe(true);
      const error = readAnthropicError(data);
      return { kind: 'error', status: 200, ...error, retryAfter: undefined, inStream: true };
    }
    if (position === 0) expect(frame.event, 'message_start comes first').toBe('message_start');
    if (frame.event === 'content_block_delta') text += data.delta.text ?? '';
    if (frame.event === 'message_stop') {
      expect(last, 'message_stop ends the stream').toBe(true);
      return { kind: 'answer', text };
    }
  }
  throw new Error('the Anthropic stream closed silently: no message_stop and no error event');
}

/** Checks the response against the caller's protocol (answer, error body or stream grammar) and sums it up. */
export function readOutcome(call: ClientCall, response: CallResponse): Outcome {
  if (response.status !== 200) return readErrorBody(call, response);
  if (call.mode === 'whole') return readWholeAnswer(call, response);
  expect(response.headers['content-type'], 'a stream is an event stream').toMatch(/^text\/event-stream/);
  const frames = parseFrames(response.text);
  return call.protocol === 'openai' ? readOpenAIStream(frames) : readAnthropicStream(frames);
}
