import { describe, expect, it } from 'vitest';
import { catchError } from '../shared/catch-gateway-error.fixtures.ts';
import { parseResponsesResponse } from './parse-responses-response.ts';

const now = () => 1_760_000_000_000;

const toolAnswer = {
  id: 'resp_68a1',
  object: 'response',
  created_at: 1760621501,
  status: 'completed',
  error: null,
  incomplete_details: null,
  model: 'gpt-5.4-2026-03-05',
  output: [
    {
      id: 'rs_1',
      type: 'reasoning',
      summary: [
        { type: 'summary_text', text: 'Need the stock level.' },
        { type: 'summary_text', text: 'Then the price.' },
      ],
    },
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Checking the part.', annotations: [] }],
    },
    {
      id: 'fc_1',
      type: 'function_call',
      status: 'completed',
      call_id: 'call_Ab12',
      name: 'lookup',
      arguments: '{"sku":"P-17"}',
    },
    { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_Cd34', name: 'run_sql', input: 'SELECT 1' },
  ],
  usage: {
    input_tokens: 120,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 48,
    output_tokens_details: { reasoning_tokens: 20 },
    total_tokens: 168,
  },
};

describe('parseResponsesResponse', () => {
  it('reads reasoning summaries, text, function and custom tool calls, and usage', () => {
    expect(parseResponsesResponse(toolAnswer, now)).toEqual({
      id: 'resp_68a1',
      servedModel: 'gpt-5.4-2026-03-05',
      created: 1760621501,
      content: [
        { type: 'reasoning', text: 'Need the stock level.\n\nThen the price.' },
        { type: 'text', text: 'Checking the part.' },
        { type: 'tool-call', id: 'call_Ab12', name: 'lookup', arguments: { sku: 'P-17' } },
        { type: 'tool-call', id: 'call_Cd34', name: 'run_sql', arguments: 'SELECT 1', freeform: true },
      ],
      finishReason: { unified: 'tool-calls', raw: 'completed' },
      usage: { inputTokens: 120, outputTokens: 48, totalTokens: 168 },
    });
  });

  it('is a plain stop without tool calls; refusals are text; empty reasoning and hosted tools are skipped', () => {
    const result = parseResponsesResponse(
      {
        id: 'resp_2',
        status: 'completed',
        model: 'gpt-5.4',
        output: [
          { id: 'rs_2', type: 'reasoning', summary: [] },
          { id: 'ws_1', type: 'web_search_call', status: 'completed' },
          {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'refusal', refusal: 'I cannot help with that.' }],
          },
        ],
        usage: { input_tokens: 5, output_tokens: 7 },
      },
      now,
    );
    expect(result.content).toEqual([{ type: 'text', text: 'I cannot help with that.' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'completed' });
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 7, totalTokens: 12 });
  });

  it('reports length when the output token limit cut the answer', () => {
    const result = parseResponsesResponse(
      {
        id: 'resp_3',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [{ type: 'message', content: [{ type: 'output_text', text: 'The pump' }] }],
      },
      now,
    );
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'max_output_tokens' });
    expect(result.created).toBe(1_760_000_000);
    expect(result.servedModel).toBe('unknown');
    const filtered = parseResponsesResponse(
      { status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] },
      now,
    );
    expect(filtered.finishReason).toEqual({ unified: 'content-filter', raw: 'content_filter' });
  });

  it('repairs nearly-JSON arguments and keeps text no repair can read as the raw string', () => {
    const call = (argumentsText: string) =>
      parseResponsesResponse(
        {
          status: 'completed',
          output: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: argumentsText }],
        },
        now,
      ).content[0];
    expect(call("{sku: 'P-17',}")).toMatchObject({ arguments: { sku: 'P-17' } });
    expect(call('')).toMatchObject({ arguments: {} });
    expect(call('look up P-17')).toMatchObject({ arguments: 'look up P-17' });
  });

  it('throws the upstream error of a failed response', () => {
    const failed = {
      id: 'resp_4',
      status: 'failed',
      error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for requests' },
      output: [],
    };
    const error = catchError(() => parseResponsesResponse(failed, now));
    expect(error.kind).toBe('rate_limit');
    expect(error.message).toBe(
      "Salesforce's GPT route failed: rate_limit_exceeded: Rate limit reached for requests",
    );
    expect(
      catchError(() => parseResponsesResponse({ status: 'failed', error: null, output: [] }, now)).kind,
    ).toBe('upstream_error');
  });

  it('throws on Salesforce error objects sent with a 200', () => {
    expect(
      catchError(() => parseResponsesResponse({ errorCode: 'INVALID_INPUT', message: 'Bad input' }, now)),
    ).toMatchObject({
      kind: 'invalid_request',
      message: "Salesforce's GPT route failed: INVALID_INPUT: Bad input",
    });
    expect(
      catchError(() => parseResponsesResponse({ errors: [{ message: 'Invalid token' }] }, now)),
    ).toMatchObject({
      kind: 'upstream_error',
      message: "Salesforce's GPT route failed: Invalid token",
    });
    expect(
      catchError(() => parseResponsesResponse([{ errorCode: '429', message: 'Too many requests' }], now))
        .kind,
    ).toBe('rate_limit');
  });

  it('refuses a body that is not a Response', () => {
    expect(catchError(() => parseResponsesResponse('<html>', now)).kind).toBe('upstream_error');
    expect(
      catchError(() => parseResponsesResponse({ id: 'resp_5', status: 'completed' }, now)).message,
    ).toContain('output is missing');
  });
});
