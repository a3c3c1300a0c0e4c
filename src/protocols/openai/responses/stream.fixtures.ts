import { expect } from 'vitest';
import type { StreamEvent } from '../../../core/model.ts';
import type { ResponseEcho } from './encode.ts';
import type { ResponseStreamOptions } from './response-event-encoder.ts';
import { encodeResponseStream } from './stream.ts';

/** The request fields echoed back on every Response object. */
export const echo: ResponseEcho = { tools: [], tool_choice: 'auto', store: false };
/** The usage reported by every finish event. */
export const usage = { inputTokens: 120, outputTokens: 31, totalTokens: 151 };
/** The response-start event most streams open with. */
export const start: StreamEvent = {
  type: 'response-start',
  id: 'gw-02',
  servedModel: 'upstream',
  created: 1_760_000_000,
  usage: { inputTokens: 120, outputTokens: 0, totalTokens: 120 },
};

/** Yields the events in order, throwing any Error among them in its place. */
export async function* source(...events: Array<StreamEvent | Error>): AsyncIterable<StreamEvent> {
  for (const event of events) {
    if (event instanceof Error) throw event;
    yield event;
  }
}

/** One decoded frame's data. */
export type Data = Record<string, unknown>;

/** Runs the encoder and checks the framing of every frame: named event, data of the same type,
 * sequence numbers 0, 1, 2… */
export async function collect(
  events: AsyncIterable<StreamEvent>,
  options: Partial<ResponseStreamOptions> = {},
): Promise<Data[]> {
  const frames: Data[] = [];
  for await (const text of encodeResponseStream(events, { requestedModel: 'my-model', echo, ...options })) {
    const match = /^event: ([\w.]+)\ndata: (.*)\n\n$/s.exec(text);
    if (!match) throw new Error(`malformed frame: ${JSON.stringify(text)}`);
    const [, event = '', data = ''] = match;
    const parsed = JSON.parse(data) as Data;
    expect(parsed.type).toBe(event);
    expect(parsed.sequence_number).toBe(frames.length);
    frames.push(parsed);
  }
  return frames;
}

/** The event type of every frame, in order. */
export function types(frames: Data[]): unknown[] {
  return frames.map((frame) => frame.type);
}

/** The frames of one event type. */
export function ofType(frames: Data[], type: string): Data[] {
  return frames.filter((frame) => frame.type === type);
}

/** A finish event with the given reason and the shared usage. */
export const finish = (unified: 'stop' | 'tool-calls' | 'length' = 'stop'): StreamEvent => ({
  type: 'finish',
  finishReason: { unified, raw: null },
  usage,
});
