import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { captureError, type Handler, useHttpTestbed } from './http-client.fixtures.ts';
import type { HttpClient, HttpExchange } from './http-client.ts';
import type { HttpStreamRequest } from './open-http-stream.ts';

const testbed = useHttpTestbed({ connectionsPerOrigin: 1 });

async function startServer(handler: Handler): Promise<string> {
  return (await testbed.startServer(handler)).origin;
}

function newClient(exchanges: HttpExchange[] = []): HttpClient {
  return testbed.newClient({ onExchange: (exchange) => exchanges.push(exchange) });
}

function streamRequest(origin: string, overrides: Partial<HttpStreamRequest> = {}): HttpStreamRequest {
  return {
    method: 'POST',
    url: `${origin}/stream`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    headersTimeoutMs: 2000,
    idleTimeoutMs: 2000,
    ...overrides,
  };
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString();
  return text;
}

describe('HttpClient.stream', () => {
  it('hands over each chunk as it arrives, and reports the exchange only when the body ends', async () => {
    let sendSecond = () => {};
    const origin = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('first;');
      sendSecond = () => response.end('second');
    });
    const exchanges: HttpExchange[] = [];
    const response = await newClient(exchanges).stream(streamRequest(origin));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');

    const chunks = response.body[Symbol.asyncIterator]();
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('first;');
    expect(exchanges).toEqual([]);
    sendSecond();
    expect(Buffer.from((await chunks.next()).value as Uint8Array).toString()).toBe('second');
    expect((await chunks.next()).done).toBe(true);
    expect(exchanges).toMatchObject([{ method: 'POST', status: 200 }]);
    expect(exchanges[0]?.url.pathname).toBe('/stream');
  });

  it('reads an error body whole with text(), whatever its status', async () => {
    const origin = await startServer((_request, response) => {
      response.writeHead(429, { 'retry-after': '3' });
      response.write('{"message":');
      response.end('"slow down"}');
    });
    const exchanges: HttpExchange[] = [];
    const response = await newClient(exchanges).stream(streamRequest(origin));
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"message":"slow down"}');
    expect(exchanges).toMatchObject([{ status: 429 }]);
  });

  it('gives up on headers after headersTimeoutMs with a retryable timeout', async () => {
    const origin = await startServer(() => {});
    const exchanges: HttpExchange[] = [];
    const error = await captureError(
      newClient(exchanges).stream(streamRequest(origin, { headersTimeoutMs: 50 })),
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'upstream_timeout', retryable: true });
    expect((error as Error).message).toBe('Salesforce did not start its answer within 0.1 s.');
    expect(exchanges).toMatchObject([{ status: 'timeout' }]);
  });

  it('cuts a body that goes silent for idleTimeoutMs, without a retry', async () => {
    const origin = await startServer((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    const exchanges: HttpExchange[] = [];
    const response = await newClient(exchanges).stream(streamRequest(origin, { idleTimeoutMs: 80 }));
    const error = await captureError(readAll(response.body));
    expect(error).toMatchObject({ kind: 'upstream_timeout', retryable: false });
    expect((error as Error).message).toContain('in the middle of its answer');
    expect(exchanges).toMatchObject([{ status: 'timeout' }]);
  });

  it('does not count the time a slow reader holds a chunk as upstream silence', async () => {
    const origin = await startServer((_request, response) => {
      response.writeHead(200);
      response.write('a');
      setTimeout(() => response.end('b'), 20);
    });
    const response = await newClient().stream(streamRequest(origin, { idleTimeoutMs: 100 }));
    let text = '';
    for await (const chunk of response.body) {
      text += Buffer.from(chunk).toString();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(text).toBe('ab');
  });

  it('stops at once when the caller aborts mid-body, rejecting with its reason', async () => {
    const closed = Promise.withResolvers<void>();
    const origin = await startServer((_request, response) => {
      response.writeHead(200);
      response.write('a');
      response.on('close', () => closed.resolve());
    });
    const exchanges: HttpExchange[] = [];
    const caller = new AbortController();
    const response = await newClient(exchanges).stream(streamRequest(origin, { signal: caller.signal }));
    const chunks = response.body[Symbol.asyncIterator]();
    await chunks.next();
    const pending = chunks.next();
    const reason = new Error('client left');
    caller.abort(reason);
    expect(await captureError(pending)).toBe(reason);
    await closed.promise;
    expect(exchanges).toMatchObject([{ status: 'aborted' }]);
  });

  it('frees the connection when the reader cancels before reading, so the next call gets it', async () => {
    let calls = 0;
    const origin = await startServer((_request, response) => {
      calls += 1;
      response.writeHead(200);
      if (calls === 1) response.write('never read');
      else response.end('second');
    });
    const exchanges: HttpExchange[] = [];
    const client = newClient(exchanges);
    const first = await client.stream(streamRequest(origin));
    first.cancel();
    first.cancel();
    const second = await client.stream(streamRequest(origin, { headersTimeoutMs: 1000 }));
    expect(await readAll(second.body)).toBe('second');
    expect(exchanges.map((exchange) => exchange.status)).toEqual([200, 200]);
  });

  it('refuses an already aborted signal before sending anything', async () => {
    let calls = 0;
    const origin = await startServer((_request, response) => {
      calls += 1;
      response.end();
    });
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    const error = await captureError(newClient().stream(streamRequest(origin, { signal: caller.signal })));
    expect((error as Error).message).toBe('gone');
    expect(calls).toBe(0);
  });
});
