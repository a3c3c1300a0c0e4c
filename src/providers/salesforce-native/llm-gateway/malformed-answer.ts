import { GatewayError } from '../../../core/errors.ts';

/** The error for an answer the gateway cannot read; `reason` says what was wrong, never the content. */
export function malformedAnswer(reason: string): GatewayError {
  return new GatewayError(
    'upstream_error',
    `Salesforce's LLM gateway sent an answer the gateway cannot read: ${reason}.`,
    { retryable: false },
  );
}
