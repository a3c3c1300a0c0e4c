import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import { hiRequest, lineRoute, recordingContext, startNativeHarness } from './native-provider.fixtures.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const gpt = 'sfdc_ai__DefaultGPT41';
const noRetries = { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

// A line route whose whole answers may be an error in disguise: a 200 saying it is busy.
const busyRoute = {
  ...lineRoute,
  parseResponse: (body: unknown, now: () => number) => {
    if ((body as { error?: unknown }).error === 'busy') {
      throw new GatewayError('upstream_unavailable', 'Salesforce reported an error: busy');
    }
    return lineRoute.parseResponse(body, now);
  },
};
const busyRoutes = { bedrock: busyRoute, responses: busyRoute, llmGateway: busyRoute };
const answerBusyFirst = (response: ServerResponse, call: number) =>
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(call === 0 ? '{"error":"busy"}' : '{"text":"fine"}');

describe('NativeCaller and a 200 that carries an error', () => {
  it('retries a whole answer whose body is an error, as it would a 503', async () => {
    const harness = await startNativeHarness(answerBusyFirst, {}, busyRoutes);
    closers.push(harness.close);
    await expect(harness.provider.chat(hiRequest(claude), recordingContext().context)).resolves.toMatchObject(
      {
        content: [{ type: 'text', text: 'fine' }],
      },
    );
    expect(harness.seen).toHaveLength(2);
  });

  it('counts such answers toward the breaker', async () => {
    const breaker = new CircuitBreakerSet({ failureThreshold: 2, cooldownMs: 60_000 });
    const alwaysBusy = (response: ServerResponse) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"busy"}');
    const harness = await startNativeHarness(alwaysBusy, { retry: noRetries, breaker }, busyRoutes);
    closers.push(harness.close);
    const call = () => harness.provider.chat(hiRequest(claude), recordingContext().context);
    await expect(call()).rejects.toMatchObject({ kind: 'upstream_unavailable' });
    await expect(call()).rejects.toMatchObject({ kind: 'upstream_unavailable' });
    await expect(call()).rejects.toMatchObject({ code: 'upstream_circuit_open' });
    expect(harness.seen).toHaveLength(2);
  });
});

describe('NativeCaller circuit breaker', () => {
  it('opens after failures of the native surface and refuses calls without sending them', async () => {
    const onCircuitRejection = vi.fn();
    const breaker = new CircuitBreakerSet({ failureThreshold: 2, cooldownMs: 60_000 });
    const harness = await startNativeHarness((response) => response.writeHead(500).end(), {
      retry: noRetries,
      breaker,
      onCircuitRejection,
    });
    closers.push(harness.close);
    const call = () => harness.provider.chat(hiRequest(claude), recordingContext().context);
    await expect(call()).rejects.toMatchObject({ kind: 'upstream_error' });
    await expect(call()).rejects.toMatchObject({ kind: 'upstream_error' });
    await expect(call()).rejects.toMatchObject({
      status: 503,
      code: 'upstream_circuit_open',
      retryAfterSeconds: 60,
      message: `The Salesforce native surface failed several calls in a row for model ${claude}, so the gateway is not calling it for the next 60 s; retry then.`,
    });
    expect(harness.seen).toHaveLength(2);
    expect(onCircuitRejection).toHaveBeenCalledOnce();
  });

  it("keeps calling another model while one model's breaker is open", async () => {
    const onOpen = vi.fn();
    const breaker = new CircuitBreakerSet({
      failureThreshold: 2,
      cooldownMs: 60_000,
      now: () => 5000,
      onOpen,
    });
    const harness = await startNativeHarness(
      (response, _call, request) =>
        request.url.includes(claude)
          ? response.writeHead(500).end()
          : response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"fine"}'),
      { retry: noRetries, breaker },
    );
    closers.push(harness.close);
    const chat = (model: string) => harness.provider.chat(hiRequest(model), recordingContext().context);
    await expect(chat(claude)).rejects.toMatchObject({ kind: 'upstream_error' });
    await expect(chat(claude)).rejects.toMatchObject({ kind: 'upstream_error' });
    await expect(chat(claude)).rejects.toMatchObject({ code: 'upstream_circuit_open' });
    await expect(chat(gpt)).resolves.toMatchObject({ content: [{ type: 'text', text: 'fine' }] });
    expect(harness.seen.map((request) => request.url)).toEqual([
      `/ai/gpt/v1/lines/${claude}`,
      `/ai/gpt/v1/lines/${claude}`,
      `/ai/gpt/v1/lines/${gpt}`,
    ]);
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(claude, 65_000);
    expect(breaker.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 2,
      openedAt: 5000,
      openModels: [claude],
    });
  });

  it('counts neither a not-routable model nor a validation error as a failure', async () => {
    const breaker = new CircuitBreakerSet({ failureThreshold: 1, cooldownMs: 60_000 });
    const harness = await startNativeHarness(
      (response, call) => response.writeHead(call % 2 === 0 ? 404 : 400).end(),
      { retry: noRetries, breaker },
    );
    closers.push(harness.close);
    for (let call = 0; call < 4; call++) {
      await expect(
        harness.provider.chat(hiRequest(claude), recordingContext().context),
      ).rejects.toMatchObject({
        status: call % 2 === 0 ? 404 : 400,
      });
    }
    expect(breaker.state).toBe('closed');
  });
});
