import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWhole } from './send-whole.ts';
import { Pool } from './undici-pool.ts';

let server: Server | undefined;
let pool: Pool | undefined;
afterEach(async () => {
  await pool?.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  pool = undefined;
});

// A server that answers "/slow" only when told to, and anything else at once; one connection.
async function startServer() {
  const held: Array<() => void> = [];
  const paths: string[] = [];
  server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const answer = () => response.end(`answer to ${request.url}`);
    if (request.url === '/slow') held.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = new Pool(origin, { connections: 1, pipelining: 1 });
  return { origin, held, paths, pool };
}

const noLimits = { signal: undefined, timeoutMs: 5000, onTimeout: () => {} };

describe('sendWhole', () => {
  it('collects status, headers and the whole body', async () => {
    const { origin, pool } = await startServer();
    const answer = await sendWhole(pool, { origin, path: '/a', method: 'GET' }, noLimits);
    expect(answer).toMatchObject({ statusCode: 200, body: 'answer to /a' });
    expect(answer.headers['content-length']).toBe('12');
  });

  it('settles a caller abort at once while the request waits for a connection, and never sends it', async () => {
    const { origin, held, paths, pool } = await startServer();
    const busy = sendWhole(pool, { origin, path: '/slow', method: 'GET' }, noLimits);
    await expect.poll(() => held.length).toBe(1);
    const caller = new AbortController();
    const queued = sendWhole(
      pool,
      { origin, path: '/queued', method: 'GET' },
      { ...noLimits, signal: caller.signal },
    );
    const reason = new Error('client left');
    caller.abort(reason);
    await expect(queued).rejects.toBe(reason);
    held[0]?.();
    await expect(busy).resolves.toMatchObject({ body: 'answer to /slow' });
    await expect(sendWhole(pool, { origin, path: '/after', method: 'GET' }, noLimits)).resolves.toMatchObject(
      {
        body: 'answer to /after',
      },
    );
    expect(paths).toEqual(['/slow', '/after']);
  });

  it('tells of the timeout and rejects when the answer takes too long', async () => {
    const { origin, pool } = await startServer();
    let timedOut = false;
    const slow = sendWhole(
      pool,
      { origin, path: '/slow', method: 'GET' },
      { signal: undefined, timeoutMs: 50, onTimeout: () => (timedOut = true) },
    );
    await expect(slow).rejects.toThrow();
    expect(timedOut).toBe(true);
  });
});
