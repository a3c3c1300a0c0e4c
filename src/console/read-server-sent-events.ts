/** One server-sent event as it came over the wire. */
export interface ServerSentEvent {
  event: string | null;
  data: string;
  raw: string;
}

/** Splits a streamed body into server-sent events as their bytes arrive. */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true }).replaceAll('\r\n', '\n');
      let boundary = buffered.indexOf('\n\n');
      while (boundary !== -1) {
        const block = buffered.slice(0, boundary);
        buffered = buffered.slice(boundary + 2);
        if (block.trim() !== '') yield parseBlock(block);
        boundary = buffered.indexOf('\n\n');
      }
    }
    if (buffered.trim() !== '') yield parseBlock(buffered);
  } finally {
    // a caller that stops early cancels the body, so the connection does not stay open
    await reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): ServerSentEvent {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n'), raw: block };
}
