import { expect } from 'vitest';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { type CallResponse, type ClientCall, type Protocol, sendCall } from './client-calls.ts';
import type { FaultStack } from './fault-stack.ts';
import { pollUntil } from './poll-until.ts';
import { type Outcome, readOutcome } from './read-outcome.ts';

/** A failure as the gateway classifies it (DESIGN section 3), before a protocol renders it. */
export interface ExpectedFailure {
  /** The gateway's status: 429, 502, 503, 504, … */
  status: number;
  /** For a 429 answered with a status: the exact Retry-After, or 'any' for any positive number. */
  retryAfter?: number | 'any';
}

// The status and error type each protocol's clients know, from the public OpenAI and Anthropic
// API references. Anthropic clients get 529 overloaded_error for an unavailable upstream.
function renderFailure(protocol: Protocol, status: number): { status: number; type: string } {
  if (protocol === 'openai') {
    const typeByStatus: Record<number, string> = {
      400: 'invalid_request_error',
      401: 'authentication_error',
      403: 'permission_error',
      429: 'rate_limit_error',
    };
    return { status, type: typeByStatus[status] ?? 'server_error' };
  }
  const rendered = status === 503 ? 529 : status;
  const typeByStatus: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    429: 'rate_limit_error',
    504: 'timeout_error',
    529: 'overloaded_error',
  };
  return { status: rendered, type: typeByStatus[rendered] ?? 'api_error' };
}

/**
 * Asserts that a failure reached the client as the documented status and error type in its own
 * protocol: a plain HTTP error, or (when the stream had already started) the in-stream error event.
 */
export function expectFailure(
  outcome: Outcome,
  call: ClientCall,
  expected: ExpectedFailure,
  streamStarted: boolean,
): void {
  const rendered = renderFailure(call.protocol, expected.status);
  const inStream = call.mode === 'stream' && streamStarted;
  expect(outcome).toMatchObject({
    kind: 'error',
    status: inStream ? 200 : rendered.status,
    type: rendered.type,
    inStream,
  });
  if (outcome.kind !== 'error' || inStream || expected.retryAfter === undefined) return;
  if (expected.retryAfter === 'any') expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
  else expect(outcome.retryAfter).toBe(String(expected.retryAfter));
}

/** Asserts a complete, well-formed answer with some text. */
export function expectAnswer(outcome: Outcome): void {
  expect(outcome).toMatchObject({ kind: 'answer', text: expect.stringMatching(/\S/) });
}

/** Asserts that a stream got keep-alives (SSE comments, or Anthropic pings) while the upstream worked. */
export function expectKeptAlive(call: ClientCall, response: CallResponse): void {
  const keepAlive = call.protocol === 'openai' ? /^: keep-alive$/m : /^event: ping$/m;
  expect(response.status).toBe(200);
  expect(response.text, 'keep-alives before the outcome').toMatch(keepAlive);
}

/** Access tokens the simulator saw on Models API calls: secrets as much as the client secret. */
function seenAccessTokens(stack: FaultStack): string[] {
  const requests = [
    ...stack.simulator.requests('chat-generations'),
    ...stack.simulator.requests('generations'),
  ];
  const tokens = requests.map((recorded) =>
    String(recorded.headers.authorization ?? '').replace(/^Bearer /, ''),
  );
  return [...new Set(tokens.filter((token) => token.length > 20))];
}

/** Asserts that no client-facing body carries a stack trace, a source path or a secret. */
export function expectCleanBodies(stack: FaultStack, responses: CallResponse[]): void {
  const secrets = [stack.simulator.clientSecret, ...seenAccessTokens(stack)];
  for (const { text } of responses) {
    expect(text, 'no stack frame').not.toContain('    at ');
    expect(text, 'no source path').not.toMatch(/\.[cm]?[jt]s:\d|node_modules|file:\/\//);
    for (const secret of secrets) expect(text, 'no secret').not.toContain(secret);
  }
}

/** Asserts that the gateway's log never carried the client secret or an access token. */
export function expectCleanLog(stack: FaultStack): void {
  const log = stack.logText();
  expect(log.length, 'the log was captured').toBeGreaterThan(0);
  for (const secret of [stack.simulator.clientSecret, ...seenAccessTokens(stack)]) {
    expect(log, 'no secret in the log').not.toContain(secret);
  }
}

async function streamsInFlight(stack: FaultStack): Promise<number> {
  const response = await fetch(`${stack.url}/metrics`);
  return parsePrometheusText(await response.text()).value('sfgw_streams_in_flight');
}

/** Asserts the process still answers its liveness probe and soon holds no stream open. */
export async function expectAlive(stack: FaultStack): Promise<void> {
  const live = await fetch(`${stack.url}/livez`);
  expect(live.status).toBe(200);
  await live.text();
  expect(await pollUntil(() => streamsInFlight(stack), 0), 'streams in flight').toBe(0);
}

/** Asserts the gateway is alive, holds no stream open and answers `call` normally (faults gone). */
export async function expectHealthy(stack: FaultStack, call: ClientCall): Promise<void> {
  await expectAlive(stack);
  const response = await sendCall(stack.url, call, 'are you well again?');
  expectAnswer(readOutcome(call, response));
  expectCleanBodies(stack, [response]);
}
