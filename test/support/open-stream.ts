import { type IncomingMessage, request } from 'node:http';

/** A streaming response whose client can walk away mid-stream. */
export interface OpenStream {
  response: IncomingMessage;
  /** Destroys the client socket, as a client that gives up does. */
  leave(): void;
}

/**
 * POSTs a JSON body and resolves once the response headers arrive. Plain node:http rather than
 * fetch: an aborted fetch leaves a spare idle connection behind that delays the server's close.
 */
export function openStream(url: string, body: unknown): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      // after leave(), the destroyed socket's error is expected
      outgoing.off('error', reject);
      outgoing.on('error', () => undefined);
      resolve({ response, leave: () => outgoing.destroy() });
    });
    outgoing.end(JSON.stringify(body));
  });
}
