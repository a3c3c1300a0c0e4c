import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP proxy that forwards nothing and remembers every destination asked of it. */
export interface RefusingProxy {
  /** http://127.0.0.1:PORT, for HTTP_PROXY / HTTPS_PROXY / ALL_PROXY. */
  url: string;
  /** Each refused destination: `CONNECT host:port` for tunnels, `METHOD url` for plain requests. */
  attempts: string[];
  close(): Promise<void>;
}

// A client told to use this proxy reaches any non-loopback host only through it, so an empty
// `attempts` after a run proves it tried none (its own subprocesses, such as git, included).
export async function startRefusingProxy(): Promise<RefusingProxy> {
  const attempts: string[] = [];
  const server = http.createServer((request, response) => {
    attempts.push(`${request.method} ${request.url}`);
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    attempts.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
