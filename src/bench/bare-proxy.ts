import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

// The bench's practical ceiling for a Node proxy on this machine: a bare node:http server that
// forwards each request as it is to the upstream with an undici pool and pipes the answer back,
// with no parsing, translation, auth or logging. Run as a child process; prints one JSON line
// with its URL when it is listening, and stops when its parent goes.

const upstream = process.argv[2];
if (upstream === undefined) throw new Error('usage: bare-proxy.ts <upstream-url>');
const pool = new Pool(upstream, { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 });
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = createServer((incoming, outgoing) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string' && !hopByHop.has(name)) headers[name] = value;
  }
  pool
    .request({ path: incoming.url ?? '/', method: incoming.method as 'POST', headers, body: incoming })
    .then(async (answer) => {
      const replyHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (typeof value === 'string' && !hopByHop.has(name)) replyHeaders[name] = value;
      }
      outgoing.writeHead(answer.statusCode, replyHeaders);
      for await (const chunk of answer.body) outgoing.write(chunk);
      outgoing.end();
    })
    .catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(String(error));
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => void pool.close().finally(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
