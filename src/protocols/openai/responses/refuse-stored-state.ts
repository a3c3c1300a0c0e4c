import { GatewayError } from '../../../core/errors.ts';

// Stored state is refused, never pretended: this gateway keeps no responses, conversations or
// prompt templates, so a request that depends on them would get an answer without its context.

const refusals: Array<{ field: string; message: string }> = [
  {
    field: 'previous_response_id',
    message:
      'previous_response_id is not supported: this gateway does not store responses; send the whole conversation in input.',
  },
  {
    field: 'conversation',
    message:
      'conversation is not supported: this gateway does not store conversations; send the whole conversation in input.',
  },
  {
    field: 'prompt',
    message:
      "prompt is not supported: prompt templates are stored on OpenAI's platform, which this gateway cannot read; send instructions and input instead.",
  },
  {
    field: 'background',
    message:
      'background is not supported: background responses must be stored to be polled, and this gateway does not store responses; send the request without background and wait for the answer (stream it to see progress).',
  },
];

/** Throws a 400 naming the first field that needs state this gateway does not keep. */
export function refuseStoredState(body: Record<string, unknown>): void {
  for (const { field, message } of refusals) {
    const value = body[field];
    if (value === undefined || value === null || value === false || value === '') continue;
    throw new GatewayError('invalid_request', message, { param: field, code: 'unsupported_parameter' });
  }
}
