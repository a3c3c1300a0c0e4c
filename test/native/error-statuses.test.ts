import { describe, expect, it } from 'vitest';
import type { NativeRoute } from '../../src/simulator/simulator.ts';
import { clientProtocols, clientRequest, expectErrorStatus, send } from './client-protocols.ts';
import { useRetryingNativeStack } from './retrying-native-stack.ts';

// Native refusals reach the client as a proper HTTP status in its protocol's error shape: what
// is worth retrying is retried before the first byte, and what is left is passed on.

const suite = useRetryingNativeStack();

/** A model on each native route, with the route a whole and a streamed call take. */
const routes = [
  { name: 'Bedrock', model: 'claude-sonnet-4-6', whole: 'invoke', streamed: 'invoke-with-response-stream' },
  { name: '/responses', model: 'gpt-5.4', whole: 'responses', streamed: 'responses' },
  {
    name: '/chat/generations',
    model: 'gemini-2.5-pro',
    whole: 'chat/generations',
    streamed: 'chat/generations/stream',
  },
] as const satisfies ReadonlyArray<{
  name: string;
  model: string;
  whole: NativeRoute;
  streamed: NativeRoute;
}>;

const cases = routes.flatMap((route) =>
  clientProtocols.flatMap((protocol) => [false, true].map((stream) => ({ ...route, protocol, stream }))),
);

/** Sends a case's one-question request in its protocol, whole or streamed. */
function sendCase(entry: (typeof cases)[number]) {
  return send(suite.stack.url, entry.protocol, clientRequest(entry.protocol, entry.model, entry.stream));
}

describe('native statuses on every route, protocol and mode', () => {
  it.each(cases)('429 with Retry-After: $name via $protocol (stream: $stream)', async (entry) => {
    const route = entry.stream ? entry.streamed : entry.whole;
    // longer than UPSTREAM_RETRY_AFTER_MAX_SECONDS: not waited for, handed to the client
    suite.stack.simulator.injectNativeFault({ status: 429, retryAfterSeconds: 120, route });
    const outcome = await sendCase(entry);
    expect(expectErrorStatus(entry.protocol, outcome, 429)).toMatch(/rate limit/i);
    expect(outcome.response.headers.get('retry-after')).toBe('120');
    expect(suite.stack.simulator.requests(route)).toHaveLength(1);
  });

  it.each(cases)(
    '429 without Retry-After, retried, then passed on with one: $name via $protocol (stream: $stream)',
    async (entry) => {
      const route = entry.stream ? entry.streamed : entry.whole;
      suite.stack.simulator.injectNativeFault({ status: 429, route, count: 3 });
      const outcome = await sendCase(entry);
      expectErrorStatus(entry.protocol, outcome, 429);
      expect(Number(outcome.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(suite.stack.simulator.requests(route)).toHaveLength(3);
    },
  );

  it.each(cases)('503 retried, then surfaced: $name via $protocol (stream: $stream)', async (entry) => {
    const route = entry.stream ? entry.streamed : entry.whole;
    suite.stack.simulator.injectNativeFault({ status: 503, route, count: 3 });
    const outcome = await sendCase(entry);
    // Anthropic clients know an unavailable upstream as 529 overloaded_error (src/protocols/anthropic/errors.ts)
    const status = entry.protocol === 'messages' ? 529 : 503;
    expect(expectErrorStatus(entry.protocol, outcome, status)).toMatch(/unavailable/i);
    expect(suite.stack.simulator.requests(route)).toHaveLength(3);
  });

  it.each(cases)('500 retried, then surfaced: $name via $protocol (stream: $stream)', async (entry) => {
    const route = entry.stream ? entry.streamed : entry.whole;
    suite.stack.simulator.injectNativeFault({ status: 500, route, count: 3 });
    const outcome = await sendCase(entry);
    expect(expectErrorStatus(entry.protocol, outcome, 502)).toMatch(/Salesforce failed \(500\)/);
    expect(suite.stack.simulator.requests(route)).toHaveLength(3);
  });

  it.each(cases)(
    'a single 5xx is retried into an answer: $name via $protocol (stream: $stream)',
    async (entry) => {
      const route = entry.stream ? entry.streamed : entry.whole;
      suite.stack.simulator.injectNativeFault({ status: 500, route });
      suite.stack.simulator.enqueueReplies('Recovered after one retry.');
      const outcome = await sendCase(entry);
      expect(outcome.response.status).toBe(200);
      const text = outcome.stream ? outcome.stream.text : JSON.stringify(outcome.json);
      expect(text).toContain('retry.');
      expect(suite.stack.simulator.requests(route)).toHaveLength(2);
    },
  );
});

describe('200 answers that carry no answer', () => {
  it.each(clientProtocols)(
    'a 200 JSON error body on the Bedrock stream route is a 502 (via %s)',
    async (protocol) => {
      suite.stack.simulator.injectNativeFault({
        route: 'invoke-with-response-stream',
        stream: 'json-error-200',
        count: 3,
      });
      const outcome = await send(
        suite.stack.url,
        protocol,
        clientRequest(protocol, 'claude-sonnet-4-6', true),
      );
      const message = expectErrorStatus(protocol, outcome, 502);
      expect(message).toMatch(/answered 200 with an error body/);
      expect(message).toMatch(/The model stream failed to complete/);
      // a transient failure by its wording, so retried like a 5xx
      expect(suite.stack.simulator.requests('invoke-with-response-stream')).toHaveLength(3);
    },
  );

  const streamedRoutes = routes.flatMap((route) =>
    clientProtocols.map((protocol) => ({ ...route, protocol })),
  );
  it.each(streamedRoutes)(
    'an empty 200 stream is a 502, not a silent close: $name via $protocol',
    async (entry) => {
      suite.stack.simulator.injectNativeFault({ route: entry.streamed, stream: 'empty', count: 3 });
      const outcome = await send(
        suite.stack.url,
        entry.protocol,
        clientRequest(entry.protocol, entry.model, true),
      );
      expect(expectErrorStatus(entry.protocol, outcome, 502)).toMatch(/ended without/);
    },
  );
});
