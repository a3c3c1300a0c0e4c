import type { GatewayError } from '../../core/errors.ts';

/** Status codes the OpenAI and Anthropic SDKs retry on their own (408, 409, 429, 5xx). */
function isRetriedBySdks(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The retry hints both protocols' SDKs read: retry-after (seconds and ms) and x-should-retry. */
export function encodeRetryHeaders(error: GatewayError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 0) {
    headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
    headers['retry-after-ms'] = String(Math.round(error.retryAfterSeconds * 1000));
  }
  // The SDKs retry every 429/5xx twice by default; a failure that will fail the same way again
  // (a bad upstream answer, a gateway bug) says so, so that clients do not triple upstream load.
  if (isRetriedBySdks(error.status) && !error.retryable) headers['x-should-retry'] = 'false';
  return headers;
}
