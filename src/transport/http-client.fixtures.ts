import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { HttpClient, type HttpClientOptions } from './http-client.ts';

/** How a test server answers. */
export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local test server: its origin, and how many connections it has accepted so far. */
export interface TestServer {
  origin: string;
  connections: () => number;
  /** Closes it now, so that its port refuses connections, rather than after the test. */
  close(): Promise<void>;
}

/** Starts servers and clients for the tests of one file, and closes them after each test. */
export interface HttpTestbed {
  /** Starts an HTTP server on a free port of 127.0.0.1. */
  startServer(handler: Handler): Promise<TestServer>;
  /** An HttpClient with a 10 s keep-alive and a 2 s connect timeout, unless told otherwise. */
  newClient(options?: Partial<HttpClientOptions>): HttpClient;
}

/** Registers, in the calling test file, an afterEach that closes every client and server its
 * tests made. `defaults` are client options every newClient starts from. */
export function useHttpTestbed(defaults: Partial<HttpClientOptions> = {}): HttpTestbed {
  const servers: Server[] = [];
  const clients: HttpClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });
  return {
    async startServer(handler) {
      let connections = 0;
      const server = createServer(handler);
      server.on('connection', () => {
        connections += 1;
      });
      servers.push(server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      return {
        origin: `http://127.0.0.1:${port}`,
        connections: () => connections,
        async close() {
          servers.splice(servers.indexOf(server), 1);
          server.close();
          await once(server, 'close');
        },
      };
    },
    newClient(options = {}) {
      const client = new HttpClient({
        connectionsPerOrigin: 1,
        keepAliveTimeoutMs: 10_000,
        connectTimeoutMs: 2000,
        ...defaults,
        ...options,
      });
      clients.push(client);
      return client;
    },
  };
}

/** What a promise that must reject rejected with. */
export async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
