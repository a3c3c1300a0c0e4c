import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NativeRoute } from '../../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import {
  answerText,
  type ClientProtocol,
  clientRequest,
  expectErrorStatus,
  send,
} from './client-protocols.ts';

// UPSTREAM_API=auto: only "the native surface cannot route this model" (404) sends a model to
// the Models API, and the gateway remembers that; a rejected request or a rate limit is the
// answer, and the Models API never sees the call.

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { UPSTREAM_API: 'auto', UPSTREAM_BREAKER_FAILURES: '1000' } });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.reset();
});

const nativeCalls = (route: NativeRoute) => stack.simulator.requests(route).length;
const modelsApiCalls = () => stack.simulator.requests('chat-generations').length;

// Each case has a model of its own: the memory of an unroutable model is per model.
const fallbacks = [
  { protocol: 'chat', model: 'gpt-4o-mini', stream: false, route: 'responses' },
  { protocol: 'responses', model: 'gpt-4o', stream: true, route: 'responses' },
  { protocol: 'messages', model: 'claude-sonnet-4-5', stream: false, route: 'invoke' },
  { protocol: 'messages', model: 'claude-haiku-4-5', stream: true, route: 'invoke-with-response-stream' },
  { protocol: 'chat', model: 'gemini-2.5-flash', stream: true, route: 'chat/generations/stream' },
] as const satisfies ReadonlyArray<{
  protocol: ClientProtocol;
  model: string;
  stream: boolean;
  route: NativeRoute;
}>;

describe('UPSTREAM_API=auto', () => {
  it.each(fallbacks)(
    'falls back on a native 404 and remembers it: $model via $protocol (stream: $stream)',
    async (entry) => {
      stack.simulator.injectNativeFault({ status: 404, body: 'empty', route: entry.route });
      stack.simulator.enqueueReplies('Answered by the Models API.', 'Answered again by the Models API.');
      const request = clientRequest(entry.protocol, entry.model, entry.stream);

      const first = await send(stack.url, entry.protocol, request);
      expect(first.response.status).toBe(200);
      expect(answerText(entry.protocol, first)).toBe('Answered by the Models API.');
      expect(nativeCalls(entry.route)).toBe(1);
      expect(modelsApiCalls()).toBe(1);

      // remembered: the second call goes straight to the Models API
      const second = await send(stack.url, entry.protocol, request);
      expect(second.response.status).toBe(200);
      expect(answerText(entry.protocol, second)).toBe('Answered again by the Models API.');
      expect(nativeCalls(entry.route)).toBe(1);
      expect(modelsApiCalls()).toBe(2);
    },
  );

  it('remembers per model: another model on the same route still goes native', async () => {
    stack.simulator.injectNativeFault({ status: 404, route: 'responses' });
    await send(stack.url, 'chat', clientRequest('chat', 'gpt-4.1', false));
    expect(modelsApiCalls()).toBe(1);
    stack.simulator.enqueueReplies('Native after all.');
    const other = await send(stack.url, 'chat', clientRequest('chat', 'gpt-4.1-mini', false));
    expect(other.response.status).toBe(200);
    expect(answerText('chat', other)).toBe('Native after all.');
    expect(nativeCalls('responses')).toBe(2);
    expect(modelsApiCalls()).toBe(1);
  });

  const staysNative = [
    { status: 400, protocol: 'chat', stream: false },
    { status: 400, protocol: 'messages', stream: true },
    { status: 429, protocol: 'responses', stream: false },
    { status: 429, protocol: 'chat', stream: true },
  ] as const;
  it.each(staysNative)('stays on native for a $status (via $protocol, stream: $stream)', async (entry) => {
    const model = 'claude-opus-4-6';
    const route = entry.stream ? 'invoke-with-response-stream' : 'invoke';
    // a persistent 429 with a Retry-After too long to wait for: the client gets it at once
    stack.simulator.injectNativeFault({ status: entry.status, route, retryAfterSeconds: 90, count: 3 });
    const refused = await send(stack.url, entry.protocol, clientRequest(entry.protocol, model, entry.stream));
    expectErrorStatus(entry.protocol, refused, entry.status);
    if (entry.status === 429) expect(refused.response.headers.get('retry-after')).toBe('90');
    expect(modelsApiCalls()).toBe(0);

    // not remembered: the next call is native again, and answered there
    stack.simulator.clearFaults();
    stack.simulator.enqueueReplies('Native again.');
    const next = await send(stack.url, entry.protocol, clientRequest(entry.protocol, model, entry.stream));
    expect(next.response.status).toBe(200);
    expect(answerText(entry.protocol, next)).toBe('Native again.');
    expect(nativeCalls(route)).toBe(2);
    expect(modelsApiCalls()).toBe(0);
  });
});
