import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { Simulator } from '../simulator.ts';
import { modelsApiHeaders } from '../simulator-client.ts';

/** Options for one native call. */
export interface NativeCallOptions {
  token: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** POSTs JSON to a path under `/ai/gpt/v1`, the way the gateway calls the native surface. */
export function postNative(
  simulator: Simulator,
  path: string,
  options: NativeCallOptions,
): Promise<Response> {
  const headers: Record<string, string> = { ...modelsApiHeaders, ...options.headers };
  if (options.token !== null) headers.authorization = `Bearer ${options.token}`;
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {});
  return fetch(`${simulator.nativeBaseUrl}${path}`, { method: 'POST', headers, body });
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Decodes a whole event-stream body frame by frame; the codec throws on a bad prelude or message CRC. */
export function decodeFrames(bytes: Uint8Array): Message[] {
  const frames: Message[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    frames.push(codec.decode(bytes.subarray(offset, offset + length)));
    offset += length;
  }
  return frames;
}

/** The string value of every header of a frame, by name, in wire order. */
export function frameHeaders(frame: Message): [string, unknown][] {
  return Object.entries(frame.headers).map(([name, header]) => [name, header.value]);
}

/** The Anthropic event inside a `chunk` frame. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk decoded events whose shape is what they assert
export function readChunkEvent(frame: Message): any {
  const payload = JSON.parse(toUtf8(frame.body)) as { bytes: string };
  return JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'));
}

/** One server-sent event. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Splits an SSE body into its events. */
export function readSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      return { event, data };
    });
}

/** The whole body as bytes. */
export async function readBytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}
