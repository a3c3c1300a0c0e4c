import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function stringHeaders(entries: Array<[string, string]>): MessageHeaders {
  return Object.fromEntries(entries.map(([name, value]) => [name, { type: 'string', value }]));
}

/** A Bedrock `chunk` frame carrying one Anthropic stream event, headers in Bedrock's order. */
export function chunkFrame(event: unknown, padding?: string): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(event)).toString('base64');
  const payload = padding === undefined ? { bytes } : { bytes, p: padding };
  return codec.encode({
    headers: stringHeaders([
      [':event-type', 'chunk'],
      [':content-type', 'application/json'],
      [':message-type', 'event'],
    ]),
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** A mid-stream exception frame, e.g. throttlingException. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: stringHeaders([
      [':exception-type', exceptionType],
      [':content-type', 'application/json'],
      [':message-type', 'exception'],
    ]),
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** A protocol error frame: code and text in headers, no payload. */
export function errorFrame(code: string, message: string): Uint8Array {
  return codec.encode({
    headers: stringHeaders([
      [':error-code', code],
      [':error-message', message],
      [':message-type', 'error'],
    ]),
    body: new Uint8Array(0),
  });
}

/** Frames joined into one byte array, as the HTTP body would carry them. */
export function joinFrames(frames: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(frames));
}

/** A body that delivers `bytes` in the given chunks, cut at the given offsets. */
export async function* bodyOf(bytes: Uint8Array, cuts: number[] = []): AsyncIterable<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, bytes.byteLength]) {
    yield bytes.slice(start, cut);
    start = cut;
  }
}

/** Everything an async iterable yields; its error, if any, is thrown. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A text answer as Bedrock streams it: start, one text block of two deltas, stop reason, stop. */
export const textAnswerEvents: unknown[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_bdrk_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there.' } },
  { type: 'content_block_stop', index: 0 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 4 },
  },
  {
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': {
      inputTokenCount: 12,
      outputTokenCount: 4,
      invocationLatency: 511,
      firstByteLatency: 302,
    },
  },
];
