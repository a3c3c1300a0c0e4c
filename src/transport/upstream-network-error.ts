import { GatewayError } from '../core/errors.ts';

// Codes that mean the request itself was malformed: a bug to surface, not an outage to retry.
const programmingErrorCodes = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** A failure to reach Salesforce or to read its answer -> a retryable 502; programming errors pass unchanged. */
function mapNetworkError(error: unknown): unknown {
  const code = errorCode(error);
  if (code !== undefined && programmingErrorCodes.has(code)) return error;
  const label = code ?? 'network error';
  return new GatewayError('upstream_unavailable', `Could not reach Salesforce (${label}).`, {
    status: 502,
    retryable: true,
    detail: { code: label },
    cause: error,
  });
}

/**
 * How an upstream exchange failed, as metrics count it, and the error its caller should see: the
 * caller's own abort first, then the exchange's timeout (`timeout`, when it ran out), else a
 * failure to reach Salesforce.
 */
export function classifyFailure(
  error: unknown,
  callerSignal: AbortSignal | undefined,
  timeout: GatewayError | undefined,
): { status: 'aborted' | 'timeout' | 'network-error'; error: unknown } {
  if (callerSignal?.aborted) return { status: 'aborted', error: callerSignal.reason };
  if (timeout !== undefined) return { status: 'timeout', error: timeout };
  return { status: 'network-error', error: mapNetworkError(error) };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}

/** Milliseconds as seconds for a message: `2 s`, `1.5 s`. */
export function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
