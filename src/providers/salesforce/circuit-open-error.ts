import { GatewayError } from '../../core/errors.ts';
import type { CircuitBreaker } from '../../transport/circuit-breaker.ts';

/** The 503 of a call refused because the breaker of `subject` (e.g. "model sfdc_ai__X") on `surface` is open. */
export function circuitOpenError(surface: string, subject: string, breaker: CircuitBreaker): GatewayError {
  const seconds = Math.max(1, Math.ceil(breaker.retryAfterMs() / 1000));
  return new GatewayError(
    'upstream_unavailable',
    `${surface} failed several calls in a row for ${subject}, so the gateway is not calling it for the next ${seconds} s; retry then.`,
    { status: 503, code: 'upstream_circuit_open', retryAfterSeconds: seconds, retryable: false },
  );
}
