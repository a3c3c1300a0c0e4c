import { connect } from 'node:net';

/** An HTTP answer read off a socket by hand: its status line, headers and body. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connecting to the gateway closing the connection. */
  elapsedMs: number;
}

/**
 * Writes `bytes` to a new connection exactly as given (no client library would send a broken
 * request line or stop half-way through its headers) and reads until the gateway closes it.
 * Rejects if the gateway keeps the connection open longer than `timeoutMs`.
 */
export function sendRawBytes(baseUrl: string, bytes: string, timeoutMs = 5000): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({
        ...parseAnswer(Buffer.concat(chunks).toString('utf8')),
        elapsedMs: performance.now() - startedAt,
      });
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the gateway kept the connection open for ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

function parseAnswer(text: string): Omit<RawAnswer, 'elapsedMs'> {
  const headEnd = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...headerLines] = text
    .slice(0, headEnd === -1 ? text.length : headEnd)
    .split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: headEnd === -1 ? '' : text.slice(headEnd + 4),
  };
}
