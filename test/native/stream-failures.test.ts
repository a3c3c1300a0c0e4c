import { beforeEach, describe, expect, it } from 'vitest';
import type { NativeFault } from '../../src/simulator/simulator.ts';
import {
  clientProtocols,
  clientRequest,
  expectErrorStatus,
  expectInStreamError,
  send,
} from './client-protocols.ts';
import { useRetryingNativeStack } from './retrying-native-stack.ts';

// A native stream that breaks after its 200 has gone out becomes the client protocol's own
// in-stream error: an OpenAI chat error chunk, an Anthropic `event: error`, a Responses
// `response.failed`. Never a hang (every read is bounded) and never a silent close.

const suite = useRetryingNativeStack();
beforeEach(() => {
  suite.stack.simulator.enqueueReplies('one two three four five six seven eight');
});

interface FailureCase {
  name: string;
  model: string;
  fault: NativeFault;
  /** The error type each protocol should name. */
  types: Record<(typeof clientProtocols)[number], RegExp>;
  message: RegExp;
}

const rateLimited = {
  chat: /rate_limit_error/,
  messages: /rate_limit_error/,
  responses: /rate_limit_exceeded/,
};
const serverSide = { chat: /server_error/, messages: /api_error/, responses: /server_error/ };

const failures: FailureCase[] = [
  {
    name: 'a throttlingException frame on the Bedrock stream',
    model: 'claude-sonnet-4-6',
    fault: {
      route: 'invoke-with-response-stream',
      stream: 'error-event',
      exceptionType: 'throttlingException',
    },
    types: rateLimited,
    message: /throttlingException/,
  },
  {
    name: 'an internalServerException frame on the Bedrock stream, after text',
    model: 'claude-sonnet-4-6',
    fault: {
      route: 'invoke-with-response-stream',
      stream: 'error-event',
      exceptionType: 'internalServerException',
      afterEvents: 4,
    },
    types: serverSide,
    message: /internalServerException/,
  },
  {
    name: 'an in-band error event on /responses',
    model: 'gpt-5.4',
    fault: { route: 'responses', stream: 'error-event' },
    types: serverSide,
    message: /The model stream failed to complete/,
  },
  {
    name: 'response.failed on /responses',
    model: 'gpt-5.4',
    fault: { route: 'responses', stream: 'response-failed', afterEvents: 5 },
    types: serverSide,
    message: /The model stream failed to complete/,
  },
  {
    name: 'event: error on /chat/generations/stream',
    model: 'gemini-2.5-pro',
    fault: { route: 'chat/generations/stream', stream: 'error-event', errorCode: 'SERVICE_UNAVAILABLE' },
    types: { chat: /server_error|overloaded/, messages: /overloaded_error/, responses: /server_error/ },
    message: /SERVICE_UNAVAILABLE/,
  },
  ...(['claude-sonnet-4-6', 'gpt-5.4', 'gemini-2.5-pro'] as const).map((model) => ({
    name: `a connection reset mid-stream (${model})`,
    model,
    fault: { stream: 'reset', afterEvents: 3 } as NativeFault,
    types: serverSide,
    message: /ECONNRESET|connection|reach Salesforce/i,
  })),
];

const cases = failures.flatMap((failure) => clientProtocols.map((protocol) => ({ ...failure, protocol })));

describe('native streams that fail after their 200', () => {
  it.each(cases)('$name becomes the in-stream error of $protocol', async (entry) => {
    suite.stack.simulator.injectNativeFault(entry.fault);
    const startedAt = performance.now();
    const outcome = await send(
      suite.stack.url,
      entry.protocol,
      clientRequest(entry.protocol, entry.model, true),
    );
    const error = expectInStreamError(entry.protocol, outcome);
    expect(error.type).toMatch(entry.types[entry.protocol]);
    expect(error.message).toMatch(entry.message);
    expect(performance.now() - startedAt).toBeLessThan(3_000);
  });
});

describe('native streams that fail before any event', () => {
  it.each(clientProtocols)('a reset before the first event is a 502 (via %s)', async (protocol) => {
    suite.stack.simulator.injectNativeFault({ route: 'responses', stream: 'reset', afterEvents: 0 });
    const outcome = await send(suite.stack.url, protocol, clientRequest(protocol, 'gpt-5.4', true));
    expect(expectErrorStatus(protocol, outcome, 502)).toMatch(/ECONNRESET|reach Salesforce/);
  });

  it.each(clientProtocols)('a throttlingException as the first frame is a 429 (via %s)', async (protocol) => {
    suite.stack.simulator.injectNativeFault({
      route: 'invoke-with-response-stream',
      stream: 'error-event',
      afterEvents: 0,
      count: 3,
    });
    const outcome = await send(suite.stack.url, protocol, clientRequest(protocol, 'claude-sonnet-4-6', true));
    expect(expectErrorStatus(protocol, outcome, 429)).toMatch(/throttlingException/);
    // no Retry-After came with the frame: the gateway's default tells the client to back off
    expect(Number(outcome.response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
