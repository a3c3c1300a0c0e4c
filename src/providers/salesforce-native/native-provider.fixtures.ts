import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { vi } from 'vitest';
import type { ChatRequest, StreamEvent, Warning } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { HttpClient } from '../../transport/http-client.ts';
import type { CachedToken } from '../../transport/token-store.ts';
import { NativeCaller, type NativeCallerOptions } from './native-caller.ts';
import { NativeProvider } from './native-provider.ts';
import type { NativeRoute } from './native-route.ts';
import { chatRequest } from './shared/chat-request.fixtures.ts';

/** One request the fake upstream received. */
export interface SeenRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** Answers the fake upstream's nth call (0-based). */
export type UpstreamHandler = (response: ServerResponse, call: number, request: SeenRequest) => void;

/** A route of plain-text lines: each line of a streamed body is one text delta. */
export const lineRoute: NativeRoute = {
  path: (model, stream) => `/lines/${model}${stream ? '/stream' : ''}`,
  buildRequest: (request, stream) => ({
    body: { model: request.model, stream, prompt: request.messages[0]?.content },
    warnings: [{ type: 'ignored-setting', setting: 'seed' }],
  }),
  parseResponse: (body) => ({
    id: 'r1',
    servedModel: 'm',
    created: 1,
    content: [{ type: 'text', text: String((body as { text: unknown }).text) }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  }),
  async *decodeStream(body) {
    for await (const chunk of body) {
      for (const line of Buffer.from(chunk).toString().split('\n')) {
        if (line !== '') yield { type: 'text-delta', index: 0, delta: line };
      }
    }
    yield {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    };
  },
  streamContentType: /^text\/x-lines/,
};

/** The same fake route on all three native routes. */
export const lineRoutes = { bedrock: lineRoute, responses: lineRoute, llmGateway: lineRoute };

/** A token cache whose tokens are a, b, c… in order of fetching. */
export function fakeTokens() {
  let fetched = 0;
  let current: CachedToken | undefined;
  const tokens = {
    get: vi.fn(async () => {
      if (current) return current;
      const accessToken = String.fromCharCode(97 + fetched++);
      current = { accessToken, expiresAt: 2, obtainedAt: 1, apiBaseUrl: '-', instanceUrl: '-' };
      return current;
    }),
    invalidate: vi.fn(() => {
      current = undefined;
    }),
  };
  return tokens;
}

/** A fake native surface on a free local port, the provider pointed at it, and what it saw. */
export async function startNativeHarness(
  handler: UpstreamHandler,
  overrides: Partial<NativeCallerOptions> = {},
  routes = lineRoutes,
) {
  const seen: SeenRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const entry = { url: request.url ?? '', headers: request.headers, body: JSON.parse(text) };
    seen.push(entry);
    handler(response, seen.length - 1, entry);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new HttpClient({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, connectTimeoutMs: 1000 });
  const tokens = fakeTokens();
  const caller = new NativeCaller({
    http,
    tokens,
    baseUrl: `${origin}/ai/gpt/v1`,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1000 },
    timeouts: { baseMs: 2000, perThousandCharactersMs: 0, maxMs: 2000 },
    streamIdleTimeoutMs: 2000,
    ...overrides,
  });
  const provider = new NativeProvider({ caller, routes });
  const close = async () => {
    await http.close();
    server.closeAllConnections();
    server.close();
  };
  return { provider, seen, tokens, close };
}

/** A call context that records the warnings it is told. */
export function recordingContext(signal = new AbortController().signal) {
  const warnings: Warning[] = [];
  const context: CallContext = {
    requestId: 'req-1',
    signal,
    logger: pino({ level: 'silent' }),
    promptCharacters: 10,
    onWarning: (warning) => warnings.push(warning),
  };
  return { context, warnings };
}

/** A chat request for `model` saying hi. */
export function hiRequest(model: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return chatRequest(model, 'hi', overrides);
}

/** Every event of a stream. */
export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
