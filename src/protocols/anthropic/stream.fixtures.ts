// Test support for the Anthropic stream encoder's tests; excluded from the build.
import { expect } from 'vitest';
import type { StreamEvent } from '../../core/model.ts';
import { encodeMessageStream, type MessageStreamOptions } from './stream.ts';

/** The usage of every finish event. */
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

/** One decoded frame. */
export interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** Runs the encoder and checks the framing of every frame: named event, data of the same type. */
export async function collect(
  events: AsyncIterable<StreamEvent>,
  options: Partial<MessageStreamOptions> = {},
): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const text of encodeMessageStream(events, { requestedModel: 'claude-sonnet-5', ...options })) {
    const match = /^event: (\w+)\ndata: (.*)\n\n$/s.exec(text);
    if (!match) throw new Error(`malformed frame: ${JSON.stringify(text)}`);
    const [, event = '', data = ''] = match;
    expect(data).not.toContain('[DONE]');
    const parsed = JSON.parse(data) as Record<string, unknown>;
    expect(parsed.type).toBe(event);
    frames.push({ event, data: parsed });
  }
  return frames;
}

/** The event name of every frame, in order. */
export function names(frames: Frame[]): string[] {
  return frames.map((frame) => frame.event);
}

/** Block indices seen in content_block_start frames, and that every delta/stop hits the open one. */
export function checkBlockIndices(frames: Frame[]): number[] {
  const started: number[] = [];
  let open: number | undefined;
  for (const { event, data } of frames) {
    if (event === 'content_block_start') {
      expect(open).toBeUndefined();
      open = data.index as number;
      started.push(open);
    } else if (event === 'content_block_delta') {
      expect(data.index).toBe(open);
    } else if (event === 'content_block_stop') {
      expect(data.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
  expect(started).toEqual(started.map((_, index) => index));
  return started;
}

/** A finish event with the given reason and the shared usage. */
export const finish = (unified: 'stop' | 'tool-calls' = 'stop'): StreamEvent => ({
  type: 'finish',
  finishReason: { unified, raw: null },
  usage,
});
