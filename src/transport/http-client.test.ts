import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { captureError, useHttpTestbed } from './http-client.fixtures.ts';
import type { HttpExchange } from './http-client.ts';

const { startServer, newClient } = useHttpTestbed({ connectionsPerOrigin: 4 });

describe('HttpClient', () => {
  it('returns any status with headers and the whole body, sending method, path, headers and body', async () => {
    const seen: { method?: string; url?: string; header?: string; body?: string } = {};
    const { origin } = await startServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        Object.assign(seen, {
          method: request.method,
          url: request.url,
          header: request.headers['x-test'],
          body,
        });
        response.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        response.write('{"part":');
        response.end('"two"}');
      });
    });

    const response = await newClient().request({
      method: 'POST',
      url: `${origin}/models/m/generations?x=1`,
      headers: { 'x-test': 'yes', 'content-type': 'application/json' },
      body: '{"prompt":"hi"}',
      timeoutMs: 2000,
    });

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.body).toBe('{"part":"two"}');
    expect(seen).toEqual({
      method: 'POST',
      url: '/models/m/generations?x=1',
      header: 'yes',
      body: '{"prompt":"hi"}',
    });
  });

  it('reuses one keep-alive connection for sequential requests to the same origin', async () => {
    const server = await startServer((_request, response) => response.end('ok'));
    const client = newClient();

    await client.request({ method: 'GET', url: `${server.origin}/a`, headers: {}, timeoutMs: 2000 });
    // undici marks a connection free on the tick after its response body ends.
    await new Promise((resolve) => setImmediate(resolve));
    await client.request({ method: 'GET', url: `${server.origin}/b`, headers: {}, timeoutMs: 2000 });
    await new Promise((resolve) => setImmediate(resolve));

    expect(server.connections()).toBe(1);
    const [stats] = client.stats();
    expect(client.stats()).toHaveLength(1);
    expect(stats).toMatchObject({ origin: server.origin, connected: 1, free: 1, running: 0, pending: 0 });
  });

  it('reports running requests in stats while one is in flight', async () => {
    let release: () => void = () => undefined;
    const server = await startServer((_request, response) => {
      release = () => response.end('done');
    });
    const client = newClient();
    const pending = client.request({ method: 'GET', url: `${server.origin}/`, headers: {}, timeoutMs: 2000 });
    await expect.poll(() => client.stats()[0]?.running).toBe(1);
    release();
    await pending;
    expect(client.stats()[0]?.running).toBe(0);
  });

  it('throws a retryable upstream_timeout when the whole exchange exceeds timeoutMs', async () => {
    const { origin } = await startServer((_request, response) => {
      response.writeHead(200);
      response.write('headers arrive but the body never ends');
    });

    const error = await captureError(
      newClient().request({ method: 'GET', url: `${origin}/`, headers: {}, timeoutMs: 200 }),
    );

    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'upstream_timeout', status: 504, retryable: true });
    expect((error as GatewayError).message).toBe('Salesforce did not answer within 0.2 s.');
  });

  it('maps a refused connection to upstream_unavailable 502 with the code in detail', async () => {
    const { origin, close } = await startServer(() => undefined);
    await close();

    const error = await captureError(
      newClient().request({ method: 'GET', url: `${origin}/`, headers: {}, timeoutMs: 2000 }),
    );

    expect(error).toMatchObject({ kind: 'upstream_unavailable', status: 502, retryable: true });
    expect((error as GatewayError).detail).toEqual({ code: 'ECONNREFUSED' });
    expect((error as GatewayError).message).toBe('Could not reach Salesforce (ECONNREFUSED).');
  });

  it('maps a connection the server resets to upstream_unavailable', async () => {
    const { origin } = await startServer((request) => request.socket.destroy());

    const error = await captureError(
      newClient().request({ method: 'POST', url: `${origin}/`, headers: {}, body: '{}', timeoutMs: 2000 }),
    );

    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'upstream_unavailable', status: 502, retryable: true });
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((error as GatewayError).detail?.code);
    expect((error as GatewayError).message).not.toContain(origin);
  });

  it('rethrows the caller abort reason, not a GatewayError, and leaves no abort listener behind', async () => {
    const { origin } = await startServer(() => undefined);
    const controller = new AbortController();
    const reason = new Error('client went away');

    const pending = newClient().request({
      method: 'GET',
      url: `${origin}/`,
      headers: {},
      signal: controller.signal,
      timeoutMs: 5000,
    });
    await expect.poll(() => getEventListeners(controller.signal, 'abort').length).toBe(1);
    controller.abort(reason);

    expect(await captureError(pending)).toBe(reason);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const { origin, connections } = await startServer((_request, response) => response.end());
    const error = await captureError(
      newClient().request({
        method: 'GET',
        url: origin,
        headers: {},
        signal: AbortSignal.abort(),
        timeoutMs: 500,
      }),
    );
    expect(error).not.toBeInstanceOf(GatewayError);
    expect((error as Error).name).toBe('AbortError');
    expect(connections()).toBe(0);
  });

  it('removes its abort listener after a normal response', async () => {
    const { origin } = await startServer((_request, response) => response.end('fine'));
    const controller = new AbortController();
    const pending = newClient().request({
      method: 'GET',
      url: origin,
      headers: {},
      signal: controller.signal,
      timeoutMs: 2000,
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await pending;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('refuses new requests after close', async () => {
    const { origin } = await startServer((_request, response) => response.end('fine'));
    const client = newClient();
    await client.close();
    const error = await captureError(
      client.request({ method: 'GET', url: origin, headers: {}, timeoutMs: 500 }),
    );
    expect(error).toMatchObject({ kind: 'upstream_unavailable', retryable: false });
    expect(client.stats()).toEqual([]);
  });

  it('reports every exchange once it ends: its status, or timeout, aborted or network-error', async () => {
    const exchanges: HttpExchange[] = [];
    let clockMs = 0;
    const client = newClient({
      onExchange: (exchange) => exchanges.push(exchange),
      // each reading of the clock is 5 ms after the previous one
      clock: () => (clockMs += 5),
    });
    const answering = await startServer((_request, response) => {
      response.writeHead(503);
      response.end('busy');
    });
    const silent = await startServer(() => undefined);
    const { origin: refusing, close } = await startServer(() => undefined);
    await close();
    const controller = new AbortController();

    await client.request({ method: 'POST', url: `${answering.origin}/x?y=1`, headers: {}, timeoutMs: 2000 });
    await captureError(
      client.request({ method: 'GET', url: `${silent.origin}/t`, headers: {}, timeoutMs: 50 }),
    );
    const aborted = client.request({
      method: 'GET',
      url: `${silent.origin}/a`,
      headers: {},
      signal: controller.signal,
      timeoutMs: 5000,
    });
    controller.abort(new Error('gone'));
    await captureError(aborted);
    await captureError(client.request({ method: 'GET', url: `${refusing}/r`, headers: {}, timeoutMs: 2000 }));

    expect(
      exchanges.map(({ method, url, status, durationMs }) => ({
        method,
        path: url.pathname,
        status,
        durationMs,
      })),
    ).toEqual([
      { method: 'POST', path: '/x', status: 503, durationMs: 5 },
      { method: 'GET', path: '/t', status: 'timeout', durationMs: 5 },
      { method: 'GET', path: '/a', status: 'aborted', durationMs: 5 },
      { method: 'GET', path: '/r', status: 'network-error', durationMs: 5 },
    ]);
  });
});
