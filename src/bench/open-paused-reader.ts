import { connect } from 'node:net';

/** The request a paused reader sends. */
export interface PausedReaderRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** What a paused reader got once it read again. */
export interface PausedReaderOutcome {
  /** Bytes of the answer (status line and headers included) that reached it. */
  received: number;
  /** The socket error code, e.g. ECONNRESET when the server reset the connection. */
  error: string | undefined;
}

/** A client that sent its request and reads nothing of the answer. */
export interface PausedReader {
  /** Starts reading and resolves once the connection has closed. */
  resume(): Promise<PausedReaderOutcome>;
  /** Closes the connection from this side. */
  destroy(): void;
}

/**
 * Sends one HTTP/1.1 request over a raw socket and never reads the answer, as a client does that
 * asked for a stream and then hung: the answer piles up in the socket buffers of both ends and
 * then in the server, which sees it is not taken. Loopback only, as every load here.
 */
export function openPausedReader(baseUrl: string, request: PausedReaderRequest): PausedReader {
  const { port } = new URL(baseUrl);
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const headers = {
    host: `127.0.0.1:${port}`,
    ...(body === ''
      ? {}
      : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
    ...request.headers,
  };
  const head = [
    `${request.method} ${request.path} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  const socket = connect(Number(port), '127.0.0.1', () => {
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
  // paused from the start: not one byte of the answer is read until resume()
  socket.pause();
  let received = 0;
  let error: string | undefined;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  socket.on('error', (thrown: NodeJS.ErrnoException) => {
    error = thrown.code ?? thrown.message;
  });
  const closed = new Promise<PausedReaderOutcome>((resolve) => {
    socket.on('close', () => resolve({ received, error }));
  });
  return {
    resume() {
      socket.resume();
      return closed;
    },
    destroy: () => socket.destroy(),
  };
}
