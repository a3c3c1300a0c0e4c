import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import {
  collect,
  hiRequest,
  recordingContext,
  startNativeHarness,
  type UpstreamHandler,
} from './native-provider.fixtures.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function harness(handler: UpstreamHandler, overrides = {}) {
  const started = await startNativeHarness(handler, overrides);
  closers.push(started.close);
  return started;
}

const lines = (response: import('node:http').ServerResponse, text: string) => {
  response.writeHead(200, { 'content-type': 'text/x-lines' });
  response.end(text);
};

async function captureError(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('NativeProvider.chat', () => {
  it("posts the route's body to its path with the token and both Salesforce headers", async () => {
    const { provider, seen } = await harness((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"text":"hello"}');
    });
    const { context, warnings } = recordingContext();
    const result = await provider.chat(hiRequest(claude), context);
    expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`/ai/gpt/v1/lines/${claude}`);
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer a',
      'content-type': 'application/json',
      'x-sfdc-app-context': 'EinsteinGPT',
      'x-client-feature-id': 'ai-platform-models-connected-app',
    });
    expect(seen[0]?.body).toMatchObject({ model: claude, stream: false });
    expect(warnings).toEqual([{ type: 'ignored-setting', setting: 'seed' }]);
  });

  it('invalidates the token after a 401 and retries once with a new one', async () => {
    const { provider, seen, tokens } = await harness((response, call) => {
      if (call === 0) {
        response.writeHead(401).end('{"errors":[{"message":"Invalid token"}]}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"ok"}');
    });
    await provider.chat(hiRequest(claude), recordingContext().context);
    expect(tokens.invalidate).toHaveBeenCalledWith('a');
    expect(seen.map((request) => request.headers.authorization)).toEqual(['Bearer a', 'Bearer b']);
  });

  it('gives up after a second 401 with a setup hint', async () => {
    const { provider, seen } = await harness((response) => response.writeHead(401).end());
    const error = await captureError(provider.chat(hiRequest(claude), recordingContext().context));
    expect(error).toMatchObject({ code: 'upstream_auth_failed' });
    expect(seen).toHaveLength(2);
  });

  it('surfaces a 429 that outlived the retries with its Retry-After', async () => {
    const { provider, seen } = await harness(
      (response) => response.writeHead(429, { 'retry-after': '7' }).end('{"message":"slow down"}'),
      { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } },
    );
    const error = await captureError(provider.chat(hiRequest(claude), recordingContext().context));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterSeconds: 7 });
    expect(seen).toHaveLength(1);
  });

  it('does not retry a validation error', async () => {
    const { provider, seen } = await harness((response) =>
      response.writeHead(400).end('{"type":"error","error":{"type":"invalid_request_error","message":"no"}}'),
    );
    const error = await captureError(provider.chat(hiRequest(claude), recordingContext().context));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400 });
    expect(seen).toHaveLength(1);
  });

  it('refuses a freeform tool on a non-GPT model without calling the upstream', async () => {
    const { provider, seen } = await harness((response) => response.end());
    const request = hiRequest(claude, {
      tools: [{ name: 'apply_patch', parameters: {}, freeform: { type: 'text' } }],
    });
    const error = await captureError(provider.chat(request, recordingContext().context));
    expect(error).toMatchObject({ status: 400, code: 'freeform_tool_unsupported' });
    expect(error.message).toContain('apply_patch');
    expect(seen).toHaveLength(0);
  });

  it('answers a bare prompt as one user message', async () => {
    const { provider, seen } = await harness((response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"done"}'),
    );
    const request = { model: claude, prompt: 'complete me', stopSequences: [], sampling: {} };
    const result = await provider.generate(request, recordingContext().context);
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(seen[0]?.body).toMatchObject({ prompt: [{ type: 'text', text: 'complete me' }] });
  });
});

describe('NativeProvider.streamChat', () => {
  it('yields each event as it arrives, before the upstream body ends', async () => {
    let finish = () => {};
    const { provider, seen } = await harness((response) => {
      response.writeHead(200, { 'content-type': 'text/x-lines' });
      response.write('one\n');
      finish = () => response.end('two\n');
    });
    const events = provider.streamChat(hiRequest(claude), recordingContext().context)[Symbol.asyncIterator]();
    expect((await events.next()).value).toEqual({ type: 'text-delta', index: 0, delta: 'one' });
    expect(seen[0]?.url).toBe(`/ai/gpt/v1/lines/${claude}/stream`);
    finish();
    expect((await events.next()).value).toEqual({ type: 'text-delta', index: 0, delta: 'two' });
    expect((await events.next()).value).toMatchObject({ type: 'finish' });
    expect((await events.next()).done).toBe(true);
  });

  it('retries a 503 and a 429 before the first byte, then streams', async () => {
    const { provider, seen } = await harness((response, call) => {
      if (call === 0) response.writeHead(503).end();
      else if (call === 1) response.writeHead(429, { 'retry-after': '0' }).end('Too many');
      else lines(response, 'ok\n');
    });
    const events = await collect(provider.streamChat(hiRequest(claude), recordingContext().context));
    expect(events[0]).toEqual({ type: 'text-delta', index: 0, delta: 'ok' });
    expect(seen).toHaveLength(3);
  });

  it('never retries once the stream has started: a broken body is an error after the events', async () => {
    const { provider, seen } = await harness((response) => {
      response.writeHead(200, { 'content-type': 'text/x-lines' });
      response.write('partial\n');
      setTimeout(() => response.destroy(), 20);
    });
    const received: unknown[] = [];
    const failure = (async () => {
      for await (const event of provider.streamChat(hiRequest(claude), recordingContext().context)) {
        received.push(event);
      }
    })();
    const error = await captureError(failure);
    expect(received).toEqual([{ type: 'text-delta', index: 0, delta: 'partial' }]);
    expect(error.kind).toBe('upstream_unavailable');
    expect(seen).toHaveLength(1);
  });

  it('reads a 200 of another content type as an error body, and retries it as one', async () => {
    const { provider, seen } = await harness((response, call) => {
      if (call === 0) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"message":"Too many requests, please wait before trying again."}');
        return;
      }
      lines(response, 'fine\n');
    });
    const events = await collect(provider.streamChat(hiRequest(claude), recordingContext().context));
    expect(events[0]).toMatchObject({ delta: 'fine' });
    expect(seen).toHaveLength(2);
  });

  it('gives a 200 error body a Retry-After when the retries run out', async () => {
    const { provider } = await harness(
      (response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('throttled'),
      { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } },
    );
    const error = await captureError(
      collect(provider.streamChat(hiRequest(claude), recordingContext().context)),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterSeconds: 5 });
    expect(error.message).toContain('answered 200 with an error body');
  });

  it('stops the upstream when the client leaves mid-stream', async () => {
    const closed = Promise.withResolvers<void>();
    const { provider } = await harness((response) => {
      response.writeHead(200, { 'content-type': 'text/x-lines' });
      response.write('one\n');
      response.on('close', () => closed.resolve());
    });
    const client = new AbortController();
    const events = provider.streamChat(hiRequest(claude), recordingContext(client.signal).context);
    for await (const _event of events) break;
    await closed.promise;
  });
});
