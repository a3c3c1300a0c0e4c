import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { type RawAnswer, sendRawBytes } from './support/send-raw-bytes.ts';

// Requests that Node itself refuses before any route runs must still get an error body that the
// caller's SDK can read: OpenAI's shape, or Anthropic's for a recognisably Anthropic request.

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({
    settings: {
      HEADERS_TIMEOUT_MS: '300',
      REQUEST_TIMEOUT_MS: '600',
      API_KEYS: JSON.stringify({ n8n: 'sk-n8n-7f3c9a1e5b2d4f60' }),
    },
  });
});
afterAll(async () => {
  await stack?.close();
});

const internals = /\n\s+at |\.[cm]?[jt]s:\d+|node_modules|Error:/;
const anthropicHeaders = 'anthropic-version: 2023-06-01\r\n';
const oversizedHeader = `x-padding: ${'a'.repeat(20_000)}\r\n`;

function requestHead(path: string, extraHeaders = ''): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}`;
}

function expectOpenAIError(answer: RawAnswer, status: number, code: string): void {
  expectJsonAnswer(answer, status);
  const body = JSON.parse(answer.body) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error).toMatchObject({ type: 'invalid_request_error', param: null, code });
}

function expectAnthropicError(answer: RawAnswer, status: number): void {
  expectJsonAnswer(answer, status);
  expect(JSON.parse(answer.body)).toEqual({
    type: 'error',
    error: { type: 'invalid_request_error', message: expect.any(String) },
  });
}

function expectJsonAnswer(answer: RawAnswer, status: number): void {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers.connection).toBe('close');
  expect(answer.body).not.toMatch(internals);
}

describe("Node's own refusals, in the caller's protocol", () => {
  it('answers a malformed request line with an OpenAI 400', async () => {
    const answer = await sendRawBytes(stack.url, 'GARBAGE\r\n\r\n');
    expectOpenAIError(answer, 400, 'invalid_http_request');
    expect(answer.body).toContain('not valid HTTP/1.1');
  });

  it('answers a malformed header with an Anthropic 400 on /v1/messages or with anthropic-version', async () => {
    expectAnthropicError(
      await sendRawBytes(stack.url, `${requestHead('/v1/messages')}Bad Header\r\n\r\n`),
      400,
    );
    const chatWithVersion = `${requestHead('/v1/chat/completions', anthropicHeaders)}Bad Header\r\n\r\n`;
    expectAnthropicError(await sendRawBytes(stack.url, chatWithVersion), 400);
  });

  it('answers headers over the size limit with 431 in either shape', async () => {
    const openai = await sendRawBytes(
      stack.url,
      `${requestHead('/v1/chat/completions', oversizedHeader)}\r\n`,
    );
    expectOpenAIError(openai, 431, 'request_header_fields_too_large');
    const anthropic = await sendRawBytes(
      stack.url,
      `${requestHead('/v1/messages', anthropicHeaders + oversizedHeader)}\r\n`,
    );
    expectAnthropicError(anthropic, 431);
  });

  it('answers headers that stop arriving with an OpenAI 408 naming the settings', async () => {
    const answer = await sendRawBytes(stack.url, requestHead('/v1/chat/completions'));
    expectOpenAIError(answer, 408, 'request_timeout');
    expect(answer.body).toContain('HEADERS_TIMEOUT_MS');
    expect(answer.elapsedMs).toBeLessThan(3000);
  });

  it('answers an Anthropic body that stops arriving with an Anthropic 408', async () => {
    const head = requestHead(
      '/v1/messages',
      `${anthropicHeaders}x-api-key: sk-n8n-7f3c9a1e5b2d4f60\r\ncontent-type: application/json\r\ncontent-length: 100\r\n`,
    );
    const answer = await sendRawBytes(stack.url, `${head}\r\n{"model":`);
    expectAnthropicError(answer, 408);
  });

  it('adds nothing after an answer already sent when that request’s body then times out', async () => {
    // the missing key is refused before the body is read; the body never comes
    const head = requestHead(
      '/v1/chat/completions',
      'content-type: application/json\r\ncontent-length: 100\r\n',
    );
    const answer = await sendRawBytes(stack.url, `${head}\r\n{"model":`);
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('HTTP/1.1');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'missing_api_key' } });
  });

  it('is still live afterwards', async () => {
    expect((await fetch(`${stack.url}/livez`)).status).toBe(200);
  });
});
