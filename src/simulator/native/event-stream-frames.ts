import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { BedrockExceptionType } from './native-fault.ts';

/** How chunk frames are written: padding and header order. */
export interface FrameOptions {
  /** Add Bedrock's `p` field, a random-length run of letters that hides token sizes. */
  padding: boolean;
  /** Shuffle the header order (Bedrock captures show one order; clients must not rely on it). */
  shuffleHeaders: boolean;
  random: () => number;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function stringHeaders(entries: [string, string][]): MessageHeaders {
  return Object.fromEntries(entries.map(([name, value]) => [name, { type: 'string', value }]));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  return shuffled;
}

/** One `chunk` event frame carrying an Anthropic stream event as base64 `bytes`. */
export function encodeChunkFrame(event: object, options: FrameOptions): Uint8Array {
  const headers: [string, string][] = [
    [':event-type', 'chunk'],
    [':content-type', 'application/json'],
    [':message-type', 'event'],
  ];
  const padding = alphabet.slice(0, 1 + Math.floor(options.random() * alphabet.length));
  const payload = {
    bytes: Buffer.from(JSON.stringify(event)).toString('base64'),
    ...(options.padding ? { p: padding } : {}),
  };
  return codec.encode({
    headers: stringHeaders(options.shuffleHeaders ? shuffle(headers, options.random) : headers),
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** An `exception` frame, as Bedrock sends when a stream fails after its 200. */
export function encodeExceptionFrame(type: BedrockExceptionType, message: string): Uint8Array {
  return codec.encode({
    headers: stringHeaders([
      [':exception-type', type],
      [':content-type', 'application/json'],
      [':message-type', 'exception'],
    ]),
    body: fromUtf8(JSON.stringify({ message })),
  });
}
