/** One SSE event as it arrived: its name (if any), its data, and when it was read. */
export interface TimedEvent {
  event: string | undefined;
  data: string;
  /** performance.now() when the chunk holding the event's end was read off the socket. */
  atMs: number;
}

/** What a streamed answer looked like on the wire. */
export interface ReadStream {
  events: TimedEvent[];
  /** The raw text, comments and all. */
  text: string;
  /** True when the body ended; false when the deadline cut the read short. */
  ended: boolean;
}

/** Reads an SSE body event by event as the socket delivers it, giving up (not hanging) after `timeoutMs`. */
export async function readSse(response: Response, timeoutMs = 5_000): Promise<ReadStream> {
  const body = response.body;
  if (!body) throw new Error('response has no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: TimedEvent[] = [];
  let text = '';
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        await reader.cancel().catch(() => undefined);
        return { events, text, ended: false };
      }
      if (next.done) break;
      const atMs = performance.now();
      const chunk = decoder.decode(next.value, { stream: true });
      text += chunk;
      pending += chunk;
      let boundary = pending.indexOf('\n\n');
      while (boundary !== -1) {
        const block = pending.slice(0, boundary);
        pending = pending.slice(boundary + 2);
        const event = parseBlock(block, atMs);
        if (event) events.push(event);
        boundary = pending.indexOf('\n\n');
      }
    }
  } finally {
    clearTimeout(timer);
  }
  return { events, text, ended: true };
}

function parseBlock(block: string, atMs: number): TimedEvent | undefined {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event === undefined && data.length === 0) return undefined;
  return { event, data: data.join('\n'), atMs };
}

/** The JSON data of every event (the `[DONE]` marker skipped). */
export function jsonEvents(
  read: ReadStream,
): Array<{ event: string | undefined; json: Record<string, unknown> }> {
  return read.events
    .filter((event) => event.data.startsWith('{'))
    .map((event) => ({ event: event.event, json: JSON.parse(event.data) as Record<string, unknown> }));
}

/** POSTs JSON to the gateway (Anthropic's version header included, harmless elsewhere). */
export function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(8_000),
  });
}
