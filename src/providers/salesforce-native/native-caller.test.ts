import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from '../../transport/circuit-breaker.ts';
import { hiRequest, recordingContext, startNativeHarness } from './native-provider.fixtures.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const noRetries = { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('NativeCaller circuit breaker', () => {
  it('opens after failures of the native surface and refuses calls without sending them', async () => {
    const onCircuitRejection = vi.fn();
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000 });
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
    });
    expect(harness.seen).toHaveLength(2);
    expect(onCircuitRejection).toHaveBeenCalledOnce();
  });

  it('counts neither a not-routable model nor a validation error as a failure', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 60_000 });
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
