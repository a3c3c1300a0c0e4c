// Test support for the chat stream tests; excluded from the build.
import { expect } from 'vitest';
import type { StreamEvent } from '../../../core/model.ts';
import { type ChatStreamOptions, encodeChatStream } from './stream.ts';

export const usage = { inputTokens: 120, outputTokens: 18, totalTokens: 138 };
export const start: StreamEvent = {
  type: 'response-start',
  id: 'gw-1',
  servedModel: 'upstream',
  created: 1_760_000_000,
  usage,
};

export async function* source(...events: Array<StreamEvent | Error>): AsyncIterable<StreamEvent> {
  for (const event of events) {
    if (event instanceof Error) throw event;
    yield event;
  }
}

export async function collect(
  events: AsyncIterable<StreamEvent>,
  options: Partial<ChatStreamOptions> = {},
): Promise<string[]> {
  const frames: string[] = [];
  for await (const frame of encodeChatStream(events, {
    requestedModel: 'my-model',
    includeUsage: false,
    ...options,
  })) {
    frames.push(frame);
  }
  return frames;
}

export function payloads(frames: string[]): unknown[] {
  return frames.map((frame) => {
    expect(frame).toMatch(/^data: .*\n\n$/s);
    const data = frame.slice('data: '.length, -2);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

export function chunk(delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id: 'chatcmpl-gw-1',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model: 'my-model',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}
