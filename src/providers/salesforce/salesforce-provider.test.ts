import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import { textRequest } from '../../core/provider.fixtures.ts';
import type { CallContext } from '../../core/provider.ts';
import { HttpClient } from '../../transport/http-client.ts';
import type { RetryPolicy } from '../../transport/retry.ts';
import type { CachedToken } from '../../transport/token-store.ts';
import { defaultRetryAfterSeconds } from './errors.ts';
import { SalesforceProvider } from './salesforce-provider.ts';

/** One scripted answer of the fake Models API. */
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const requestIds = (call: number) => `00000000-0000-4000-8000-00000000000${call}`;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const chatAnswer = (timestamp: number, created?: number): Reply => ({
  status: 200,
  body: {
    id: 'chatcmpl-1',
    generationDetails: {
      generations: [{ id: 'g1', role: 'assistant', content: 'hello', timestamp }],
      parameters: { model: 'gpt-4o-mini', ...(created === undefined ? {} : { created }) },
    },
  },
});
const specError = (status: number, errorCode: string, message: string, headers = {}): Reply => ({
  status,
  body: { errorCode, messageCode: 'EXXXXX', message },
  headers,
});
const busy = (headers = {}) =>
  specError(423, 'NOT_FOUND', 'Server is busy and cannot process the request at this time', headers);

// The fake Models API answers its nth call with replies[n] (the last one repeats), always with an
// x-request-id, and records the bearer token of each call.
async function startHarness(replies: Reply[], retry: Partial<RetryPolicy> = {}) {
  const bearers: string[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    for await (const _ of request);
    const call = bearers.push(request.headers.authorization ?? '') - 1;
    const reply = replies[Math.min(call, replies.length - 1)] as Reply;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'x-request-id': requestIds(call),
      ...reply.headers,
    });
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let fetched = 0;
  let current: CachedToken | undefined;
  const tokens = {
    get: vi.fn(async () => {
      current ??= {
        accessToken: `secret-token-${fetched++}`,
        obtainedAt: 1,
        expiresAt: 2,
        apiBaseUrl: `${origin}/einstein/platform/v1`,
        instanceUrl: origin,
      };
      return current;
    }),
    invalidate: vi.fn(() => {
      current = undefined;
    }),
  };
  const http = new HttpClient({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, connectTimeoutMs: 1000 });
  const provider = new SalesforceProvider({
    http,
    tokens: tokens as never,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 2000, ...retry },
    timeouts: { baseMs: 2000, perThousandCharactersMs: 0, maxMs: 2000 },
    now: () => 1_760_000_000_000,
  });
  closers.push(async () => {
    await provider.close();
    server.closeAllConnections();
    server.close();
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const context: CallContext = {
    requestId: 'req-1',
    signal: new AbortController().signal,
    logger: pino({ level: 'debug' }, sink),
    promptCharacters: 5,
  };
  const chat = () => provider.chat(textRequest('hi', { model: 'sfdc_ai__DefaultGPT4OmniMini' }), context);
  return { chat, bearers, tokens, logs };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof GatewayError) return error;
  throw new Error(`expected a GatewayError, got ${String(error)}`);
}

describe('SalesforceProvider retries', () => {
  it.each([
    ['423 ServerBusyError', busy()],
    ['503', specError(503, 'INTERNAL_ERROR', 'Service is unavailable')],
    ['429 LIMIT_EXCEEDED', specError(429, 'LIMIT_EXCEEDED', 'Too many requests for the server to handle')],
    ['500', specError(500, 'INTERNAL_ERROR', 'Internal server error')],
  ])('absorbs a %s burst shorter than the retries', async (_name, fault) => {
    const { chat, bearers } = await startHarness([fault, fault, chatAnswer(1760621502)]);
    expect((await chat()).content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(bearers).toHaveLength(3);
  });

  it.each([
    // fault, kind, client status, client Retry-After
    [busy(), 'upstream_unavailable', 503, defaultRetryAfterSeconds],
    [
      specError(503, 'INTERNAL_ERROR', 'Service is unavailable'),
      'upstream_unavailable',
      503,
      defaultRetryAfterSeconds,
    ],
    [specError(429, 'LIMIT_EXCEEDED', 'Too many'), 'rate_limit', 429, defaultRetryAfterSeconds],
    [busy({ 'retry-after': '1' }), 'upstream_unavailable', 503, 1],
  ] as const)('surfaces %j as %s once the retries run out', async (fault, kind, status, retryAfter) => {
    const { chat, bearers } = await startHarness([fault], { maxRetryAfterMs: 1000 });
    const error = await failure(chat());
    expect(error).toMatchObject({ kind, status, retryAfterSeconds: retryAfter });
    expect(bearers).toHaveLength(3);
  });

  it('honours a 423 Retry-After before retrying', async () => {
    const { chat, bearers } = await startHarness([busy({ 'retry-after': '1' }), chatAnswer(1760621502)]);
    const started = Date.now();
    await chat();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(bearers).toHaveLength(2);
  });

  it('passes a 423 Retry-After too long to wait for on, without retrying', async () => {
    const { chat, bearers } = await startHarness([busy({ 'retry-after': '120' })]);
    const error = await failure(chat());
    expect(error).toMatchObject({ kind: 'upstream_unavailable', retryAfterSeconds: 120 });
    expect(bearers).toHaveLength(1);
  });
});

describe('SalesforceProvider spec error codes', () => {
  it.each([
    [401, 'INVALID_AUTH'],
    [403, 'INVALID_AUTH'],
  ])('a %i %s gets one new token, then is a 502 upstream_auth_failed', async (status, errorCode) => {
    const { chat, bearers, tokens } = await startHarness([
      specError(status, errorCode, 'Access bearer token is missing or invalid'),
    ]);
    const error = await failure(chat());
    expect(error).toMatchObject({ kind: 'upstream_error', status: 502, code: 'upstream_auth_failed' });
    expect(bearers).toEqual(['Bearer secret-token-0', 'Bearer secret-token-1']);
    expect(tokens.invalidate).toHaveBeenCalledWith('secret-token-0');
  });

  it('an INVALID_AUTH 401 followed by an answer succeeds with the new token', async () => {
    const { chat, bearers } = await startHarness([specError(401, 'INVALID_AUTH', 'expired'), chatAnswer(1)]);
    await chat();
    expect(bearers).toEqual(['Bearer secret-token-0', 'Bearer secret-token-1']);
  });

  it('REQUIRED_FIELD_MISSING is a 400 that blames the gateway, not retried', async () => {
    const { chat, bearers } = await startHarness([
      specError(400, 'REQUIRED_FIELD_MISSING', 'Field is required'),
    ]);
    const error = await failure(chat());
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, code: 'upstream_request_invalid' });
    expect(error.message).toMatch(/request the gateway built/);
    expect(bearers).toHaveLength(1);
  });
});

describe('SalesforceProvider x-request-id', () => {
  it('logs each call at debug with the request id and never the token', async () => {
    const { chat, logs } = await startHarness([busy(), chatAnswer(1)]);
    await chat();
    const calls = logs.filter((line) => line.msg === 'Salesforce call answered');
    expect(calls).toMatchObject([
      {
        level: 20,
        status: 423,
        upstreamRequestId: requestIds(0),
        path: '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations',
      },
      { level: 20, status: 200, upstreamRequestId: requestIds(1) },
    ]);
    expect(logs.find((line) => line.msg === 'retrying Salesforce call')).toMatchObject({
      upstreamRequestId: requestIds(0),
    });
    expect(JSON.stringify(logs)).not.toContain('secret-token');
  });

  it('keeps the last attempt’s request id in the error detail', async () => {
    const { chat } = await startHarness([busy()]);
    const error = await failure(chat());
    expect(error.detail).toMatchObject({ upstreamStatus: 423, upstreamRequestId: requestIds(2) });
  });

  it.each([
    ['a 200 that is not JSON', { status: 200, body: '<html></html>' }, requestIds(2)],
    ['a 200 without a generation', { status: 200, body: { id: 'x' } }, requestIds(0)],
  ])('keeps it for %s', async (_name, reply, id) => {
    const { chat } = await startHarness([reply]);
    const error = await failure(chat());
    expect(error.kind).toBe('upstream_error');
    expect(error.detail).toMatchObject({ upstreamRequestId: id });
  });
});

describe('SalesforceProvider created', () => {
  it.each([
    [1760621502318, undefined, 1760621502],
    [1760621502, undefined, 1760621502],
    [1760621502318, 1760621501, 1760621501],
  ])('timestamp %i with created %s gives created %i', async (timestamp, created, expected) => {
    const { chat } = await startHarness([chatAnswer(timestamp, created)]);
    expect((await chat()).created).toBe(expected);
  });
});
