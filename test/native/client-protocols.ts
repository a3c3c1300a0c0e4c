import { expect } from 'vitest';
import { jsonEvents, postJson, type ReadStream, readSse } from './read-sse.ts';

/** The three client protocols the gateway speaks. */
export type ClientProtocol = 'chat' | 'messages' | 'responses';

export const clientProtocols: readonly ClientProtocol[] = ['chat', 'messages', 'responses'];

const paths: Record<ClientProtocol, string> = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  responses: '/v1/responses',
};

/** A minimal one-question request in a protocol. */
export function clientRequest(
  protocol: ClientProtocol,
  model: string,
  stream: boolean,
): Record<string, unknown> {
  const content = 'Say a few words please';
  if (protocol === 'responses') return { model, stream, input: content };
  const messages = [{ role: 'user', content }];
  return protocol === 'messages' ? { model, stream, max_tokens: 200, messages } : { model, stream, messages };
}

/** What the client got: a status (and error body), or a stream read to its end. */
export interface ClientOutcome {
  response: Response;
  /** The JSON body of a non-stream answer. */
  json?: Record<string, unknown>;
  stream?: ReadStream;
}

/** Sends a request in a protocol and reads the whole answer, never waiting more than a few seconds. */
export async function send(
  url: string,
  protocol: ClientProtocol,
  body: Record<string, unknown>,
): Promise<ClientOutcome> {
  const response = await postJson(`${url}${paths[protocol]}`, body);
  if (String(response.headers.get('content-type')).startsWith('text/event-stream')) {
    return { response, stream: await readSse(response, 5_000) };
  }
  return { response, json: (await response.json()) as Record<string, unknown> };
}

/** Checks a proper HTTP error in the protocol's error shape; returns its message. */
export function expectErrorStatus(protocol: ClientProtocol, outcome: ClientOutcome, status: number): string {
  expect(outcome.response.status, JSON.stringify(outcome.json)).toBe(status);
  expect(outcome.stream).toBeUndefined();
  const body = outcome.json ?? {};
  if (protocol === 'messages') expect(body.type).toBe('error');
  const error = body.error as { type?: unknown; message?: unknown } | undefined;
  expect(typeof error?.type).toBe('string');
  expect(typeof error?.message).toBe('string');
  expect(String(error?.message).length).toBeGreaterThan(0);
  return String(error?.message);
}

/** An in-stream error, read from a 200 stream that ended (not hung, not silently closed). */
export interface StreamError {
  /** The error type the protocol gave (`rate_limit_error`, `server_error`, a response error code, …). */
  type: string;
  message: string;
}

/** Checks that a 200 stream ended on the protocol's error event, with no success ending; returns it. */
export function expectInStreamError(protocol: ClientProtocol, outcome: ClientOutcome): StreamError {
  expect(outcome.response.status).toBe(200);
  const stream = outcome.stream;
  expect(stream, 'a streamed answer').toBeDefined();
  const read = stream as ReadStream;
  expect(read.ended, `the stream ended: ${read.text.slice(-300)}`).toBe(true);
  const events = jsonEvents(read);
  const last = events.at(-1)?.json ?? {};
  if (protocol === 'chat') {
    const error = last.error as { type: string; message: string; code?: string } | undefined;
    expect(error, `last chat chunk is an error: ${read.text.slice(-300)}`).toBeDefined();
    const finished = events.some(({ json }) =>
      (json.choices as Array<{ finish_reason?: unknown }> | undefined)?.some(
        (choice) => choice.finish_reason,
      ),
    );
    expect(finished, 'no finish_reason before the error').toBe(false);
    return { type: String(error?.type), message: String(error?.message) };
  }
  if (protocol === 'messages') {
    expect(events.at(-1)?.event).toBe('error');
    expect(last.type).toBe('error');
    expect(events.some(({ json }) => json.type === 'message_stop')).toBe(false);
    const error = last.error as { type: string; message: string };
    return { type: error.type, message: error.message };
  }
  expect(last.type, read.text.slice(-300)).toBe('response.failed');
  expect(events.some(({ json }) => json.type === 'response.completed')).toBe(false);
  const error = (last.response as { error: { code: string; message: string } }).error;
  return { type: error.code, message: error.message };
}

/** The answer text a client assembles, whole or streamed, in any of the three protocols. */
export function answerText(protocol: ClientProtocol, outcome: ClientOutcome): string {
  if (outcome.stream) {
    return jsonEvents(outcome.stream)
      .map(({ json }) => {
        if (protocol === 'chat') {
          return (
            (json.choices as Array<{ delta?: { content?: string } }> | undefined)?.[0]?.delta?.content ?? ''
          );
        }
        if (protocol === 'messages') {
          const delta = json.delta as { type?: string; text?: string } | undefined;
          return json.type === 'content_block_delta' && delta?.type === 'text_delta'
            ? (delta.text ?? '')
            : '';
        }
        return json.type === 'response.output_text.delta' ? String(json.delta) : '';
      })
      .join('');
  }
  const body = outcome.json ?? {};
  if (protocol === 'chat') {
    return (body.choices as Array<{ message: { content: string | null } }>)[0]?.message.content ?? '';
  }
  const parts: Array<{ type: string; text?: string }> =
    protocol === 'messages'
      ? (body.content as Array<{ type: string; text?: string }>)
      : (body.output as Array<{ content?: Array<{ type: string; text?: string }> }>).flatMap(
          (item) => item.content ?? [],
        );
  return parts
    .filter((part) => part.type === 'text' || part.type === 'output_text')
    .map((part) => part.text ?? '')
    .join('');
}
