import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { sendRawRequest } from '../support/send-raw-request.ts';
import { type BadInputCase, describeBadInputTable } from './describe-bad-input-table.ts';
import {
  anthropicProtocol,
  countTokensPath,
  messagesPath,
  openAIProtocol,
  withChanges,
} from './request-bodies.fixtures.ts';

// A lone surrogate has no UTF-8 form, so it cannot be percent-encoded into the upstream URL.
// JSON.stringify writes it as the escape "\ud800", which is what a hostile client sends.
const loneSurrogateModel = 'sfdc_ai__\ud800';
const surrogateMessage = /lone UTF-16 surrogate/;

function loneSurrogateCase(path: string, base: object): BadInputCase {
  return {
    name: `${path}: a model name with a lone surrogate`,
    path,
    body: withChanges(base, { model: loneSurrogateModel }),
    status: 400,
    param: 'model',
    mentions: surrogateMessage,
  };
}

const messagesBase = { max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] };

describeBadInputTable('OpenAI endpoints: a model name that is not well-formed Unicode', openAIProtocol, [
  loneSurrogateCase('/v1/chat/completions', { messages: [{ role: 'user', content: 'Hello' }] }),
  loneSurrogateCase('/v1/completions', { prompt: 'Hello' }),
  loneSurrogateCase('/v1/responses', { input: 'Hello' }),
  loneSurrogateCase('/v1/embeddings', { input: 'Hello' }),
]);

describeBadInputTable(
  'Anthropic endpoints: a model name that is not well-formed Unicode',
  anthropicProtocol,
  [
    loneSurrogateCase(messagesPath, messagesBase),
    loneSurrogateCase(countTokensPath, { messages: messagesBase.messages }),
  ],
);

describe('GET /v1/models/{id} with a path that does not decode to UTF-8', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  // %ED%A0%80 is how a lone surrogate (U+D800) would be written as UTF-8 bytes, which is invalid UTF-8.
  it.each([
    ['openai', {}, { error: { type: 'invalid_request_error', code: 'invalid_path', param: null } }],
    [
      'anthropic',
      { 'anthropic-version': '2023-06-01' },
      { type: 'error', error: { type: 'invalid_request_error' } },
    ],
  ])('answers a 400 in the %s shape', async (_protocol, headers, shape) => {
    const response = await sendRawRequest(stack.url, {
      method: 'GET',
      path: '/v1/models/sfdc_ai__%ED%A0%80',
      headers,
    });
    expect(response.status, response.text).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject(shape);
    expect(response.text).toMatch(/UTF-8/);
  });
});
