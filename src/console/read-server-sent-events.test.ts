import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './read-server-sent-events.ts';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('readServerSentEvents', () => {
  it('splits events across chunk boundaries and CRLF line ends, keeping each raw', async () => {
    const events = [];
    for await (const event of readServerSentEvents(
      streamOf('event: a\r\ndata: {"x"', ':1}\r\n\r\ndata: [DONE]\n\n', 'data: tail'),
    )) {
      events.push(event);
    }
    expect(events).toEqual([
      { event: 'a', data: '{"x":1}', raw: 'event: a\ndata: {"x":1}' },
      { event: null, data: '[DONE]', raw: 'data: [DONE]' },
      { event: null, data: 'tail', raw: 'data: tail' },
    ]);
  });

  it('cancels the body when the reader stops early, so the connection closes', async () => {
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"more":true}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readServerSentEvents(endless)) {
      expect(event.data).toBe('{"more":true}');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
