import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { type RawResponse, sendRawRequest } from '../support/send-raw-request.ts';

/** One malformed request and the answer it must get. */
export interface BadInputCase {
  /** What is wrong with the request; the test's name. */
  name: string;
  /** The endpoint, e.g. /v1/chat/completions. */
  path: string;
  /** The body, sent byte for byte. */
  body: string | Uint8Array;
  /** The Content-Type header; null sends none. Default application/json. */
  contentType?: string | null;
  status: number;
  /** The field the message must name (and OpenAI's `param` must be); null when the body as a whole is at fault. */
  param: string | null;
  /** The error may point at a place inside `param` (a nested value): OpenAI's param need only start with it. */
  pointsInside?: boolean;
  /** What the message must say to name what is at fault when that is not `param` itself. */
  names?: string;
  /** What else the message must say, e.g. /not valid JSON/. */
  mentions?: RegExp;
}

/** The wire protocol a table speaks, with what a valid call and an error look like in it. */
export interface BadInputProtocol {
  name: 'openai' | 'anthropic';
  /** Headers every request of this protocol carries besides Content-Type. */
  headers: Record<string, string>;
  /** A request that must succeed once the table has run. */
  validRequest: { path: string; body: unknown };
}

/** Options for a table: gateway settings that its cases rely on, e.g. a small body limit. */
export interface BadInputTableOptions {
  settings?: Record<string, string>;
}

/** Protocol name -> status -> Anthropic error type (other 4xx are invalid_request_error). */
const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  404: 'not_found_error',
  413: 'request_too_large',
};

// Signs of a leaked stack trace or source path in a body meant for a client.
const internalsPattern = /\n\s+at |\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+|file:\/\/|node_modules|\/src\/|Error:/;

/**
 * Registers one test per case against a live gateway (simulator upstream, real sockets), then
 * checks that the gateway is still healthy, still answers a valid request, logged none of these
 * client mistakes at error level, and left Object.prototype as it was.
 */
export function describeBadInputTable(
  title: string,
  protocol: BadInputProtocol,
  cases: BadInputCase[],
  options: BadInputTableOptions = {},
): void {
  describe(title, () => {
    let stack: GatewayStack;
    const logText: string[] = [];
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    beforeAll(async () => {
      const logDestination = new Writable({
        write(chunk, _encoding, callback) {
          logText.push(String(chunk));
          callback();
        },
      });
      stack = await startGatewayStack({ settings: options.settings, logDestination });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it.each(cases)('$name -> $status', async (badCase) => {
      const contentType = badCase.contentType === undefined ? 'application/json' : badCase.contentType;
      const response = await sendRawRequest(stack.url, {
        path: badCase.path,
        headers: { ...protocol.headers, ...(contentType === null ? {} : { 'content-type': contentType }) },
        body: badCase.body,
      });
      expectClientError(response, badCase, protocol);
    });

    it('is still live and still answers a valid request', async () => {
      const live = await fetch(`${stack.url}/livez`);
      expect(live.status).toBe(200);
      const { path, body } = protocol.validRequest;
      const answer = await sendRawRequest(stack.url, {
        path,
        headers: { ...protocol.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(answer.status, answer.text).toBe(200);
    });

    it('logged every mistake below error level, and Object.prototype is untouched', () => {
      const lines = logText
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { level: number; msg?: string; status?: number });
      const answered = lines.filter((line) => line.msg === 'request completed' && (line.status ?? 0) >= 400);
      expect(answered.length).toBe(cases.length);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
}

function expectClientError(response: RawResponse, badCase: BadInputCase, protocol: BadInputProtocol): void {
  expect(response.status, response.text).toBe(badCase.status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.text).not.toMatch(internalsPattern);
  // a client's huge input is named, never echoed back whole
  expect(response.text.length).toBeLessThan(2_000);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  const message =
    protocol.name === 'openai'
      ? openAIMessage(body, response, badCase)
      : anthropicMessage(body, response, badCase);
  const named = badCase.names ?? badCase.param;
  if (named !== null) expect(message).toContain(named);
  if (badCase.mentions) expect(message).toMatch(badCase.mentions);
}

function openAIMessage(body: Record<string, unknown>, response: RawResponse, badCase: BadInputCase): string {
  expect(response.headers['x-request-id']).toEqual(expect.any(String));
  expect(Object.keys(body)).toEqual(['error']);
  const error = body.error as Record<string, unknown>;
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
  const param = badCase.pointsInside
    ? expect.stringMatching(`^${escapeRegExp(badCase.param ?? '')}`)
    : badCase.param;
  expect(error).toMatchObject({ type: 'invalid_request_error', param, message: expect.any(String) });
  expect(error.code === null || typeof error.code === 'string').toBe(true);
  return error.message as string;
}

function anthropicMessage(
  body: Record<string, unknown>,
  response: RawResponse,
  badCase: BadInputCase,
): string {
  const requestId = response.headers['request-id'];
  expect(requestId).toEqual(expect.any(String));
  expect(body).toEqual({
    type: 'error',
    error: {
      type: anthropicErrorTypes[badCase.status] ?? 'invalid_request_error',
      message: expect.any(String),
    },
    request_id: requestId,
  });
  return (body.error as { message: string }).message;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
