import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import type { ChatRequest } from '../../../core/model.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { snakeCaseSettingNames } from '../../shared/request-field-names.ts';
import { decodeResponsesRequest } from './decode.ts';

const base = { model: 'my-model', input: 'Capital of France?' };

function decode(body: Record<string, unknown>): ChatRequest {
  return decodeResponsesRequest({ ...base, ...body }).request;
}

function failure(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeResponsesRequest(body));
}

describe('decodeResponsesRequest: settings', () => {
  it('decodes a string input into one user message with neutral defaults', () => {
    expect(decodeResponsesRequest(base)).toEqual({
      request: {
        model: 'my-model',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }],
        tools: [],
        toolChoice: { type: 'auto' },
        parallelToolCalls: true,
        responseFormat: { type: 'text' },
        stopSequences: [],
        sampling: {},
      } satisfies ChatRequest,
      fieldNames: {
        ignoredFields: [],
        settings: {
          ...snakeCaseSettingNames,
          maxOutputTokens: 'max_output_tokens',
          reasoning: 'reasoning',
          reasoningEffort: 'reasoning.effort',
        },
        toolParameters: [],
        responseSchema: 'text.format.schema',
        imageParts: [],
      },
      stream: false,
      echo: {
        instructions: null,
        tools: [],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        text: { format: { type: 'text' } },
        temperature: null,
        top_p: null,
        max_output_tokens: null,
        truncation: 'disabled',
        metadata: null,
        store: false,
        background: false,
        previous_response_id: null,
      },
    });
  });

  it('puts instructions first as a system message', () => {
    expect(decode({ instructions: 'Answer in French.' }).messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ]);
  });

  it('maps sampling, the token limit, parallel calls and streaming', () => {
    const decoded = decodeResponsesRequest({
      ...base,
      temperature: 0.3,
      top_p: 0.8,
      max_output_tokens: 200,
      parallel_tool_calls: false,
      stream: true,
    });
    expect(decoded.stream).toBe(true);
    expect(decoded.request.sampling).toEqual({ temperature: 0.3, topP: 0.8 });
    expect(decoded.request.maxOutputTokens).toBe(200);
    expect(decoded.fieldNames.settings.maxOutputTokens).toBe('max_output_tokens');
    expect(decoded.request.parallelToolCalls).toBe(false);
    expect(decoded.echo).toMatchObject({
      temperature: 0.3,
      top_p: 0.8,
      max_output_tokens: 200,
      parallel_tool_calls: false,
    });
  });

  it.each([
    [{ type: 'text' }, { type: 'text' }],
    [{ type: 'json_object' }, { type: 'json-object' }],
    [
      { type: 'json_schema', name: 'city', schema: { type: 'object' }, strict: true },
      {
        type: 'json-schema',
        name: 'city',
        schema: { type: 'object' },
        strict: true,
      },
    ],
    [
      { type: 'json_schema', name: 'city', schema: { type: 'object' } },
      {
        type: 'json-schema',
        name: 'city',
        schema: { type: 'object' },
        strict: false,
      },
    ],
  ])('decodes text.format %j', (format, expected) => {
    const decoded = decodeResponsesRequest({ ...base, text: { format } });
    expect(decoded.request.responseFormat).toEqual(expected);
    if (expected.type === 'json-schema') expect(decoded.fieldNames.responseSchema).toBe('text.format.schema');
    expect(decoded.echo.text).toEqual({ format });
  });

  it('reports fields that have no effect, and accepts store: true without storing', () => {
    const decoded = decodeResponsesRequest({
      ...base,
      store: true,
      reasoning: { effort: 'low' },
      include: ['reasoning.encrypted_content'],
      truncation: 'auto',
      user: 'u-1',
      service_tier: 'auto',
      prompt_cache_key: 'k',
      safety_identifier: 's',
      text: { verbosity: 'low' },
      metadata: { team: 'sales' },
      background: false,
      previous_response_id: null,
    });
    // reasoning is a reasoning setting now: the pipeline reports it for an upstream without reasoning.
    expect(decoded.fieldNames.ignoredFields).toEqual([
      'include',
      'user',
      'service_tier',
      'prompt_cache_key',
      'safety_identifier',
      'store',
      'truncation',
      'text.verbosity',
    ]);
    expect(decoded.echo).toMatchObject({ store: false, metadata: { team: 'sales' }, truncation: 'auto' });
    expect(decoded.request.reasoning).toEqual({ mode: 'adaptive', effort: 'low', returnText: false });
  });

  it('does not report settings that ask for nothing', () => {
    expect(
      decodeResponsesRequest({
        ...base,
        store: false,
        reasoning: { effort: null, summary: null },
        include: [],
        truncation: 'disabled',
        top_logprobs: 0,
        stream_options: { include_obfuscation: false },
      }).fieldNames.ignoredFields,
    ).toEqual([]);
    expect(decode({ reasoning: { effort: null, summary: null } })).not.toHaveProperty('reasoning');
  });
});

describe('decodeResponsesRequest: stored state', () => {
  it.each([
    [
      'previous_response_id',
      'resp_123',
      'previous_response_id is not supported: this gateway does not store responses; send the whole conversation in input.',
    ],
    ['conversation', 'conv_1', 'conversation is not supported'],
    ['prompt', { id: 'pmpt_1' }, 'prompt is not supported'],
    ['background', true, 'background is not supported'],
  ])('refuses %s with a 400 naming it', (field, value, message) => {
    const error = failure({ ...base, [field]: value });
    expect(error.status).toBe(400);
    expect(error.param).toBe(field);
    expect(error.code).toBe('unsupported_parameter');
    expect(error.message).toContain(message);
  });

  it('refuses previous_response_id even without input, instead of asking for input', () => {
    expect(failure({ model: 'my-model', previous_response_id: 'resp_1' }).param).toBe('previous_response_id');
  });
});

describe('decodeResponsesRequest: body', () => {
  it('names missing or empty fields at the top level', () => {
    expect(failure({ input: 'Hi' }).message).toBe('model is required.');
    expect(failure({ model: 'my-model' }).message).toBe('input is required.');
    expect(failure({ model: 'my-model', input: [] }).message).toBe('input must have at least 1 item.');
    expect(failure('Hi').message).toBe('The request body must be a JSON object with "model" and "input".');
  });

  it("decodes the body n8n's OpenAI node sends, store: true and background: false included", () => {
    const decoded = decodeResponsesRequest({
      model: 'my-model',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
      parallel_tool_calls: true,
      store: true,
      background: false,
      tools: [
        { type: 'function', name: 'ping', parameters: { type: 'object', properties: {} }, strict: false },
      ],
    });
    expect(decoded.request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    expect(decoded.request.tools).toEqual([{ name: 'ping', parameters: { type: 'object', properties: {} } }]);
    expect(decoded.fieldNames.toolParameters).toEqual(['tools[0].parameters']);
    expect(decoded.fieldNames.ignoredFields).toEqual(['store']);
    expect(decoded.echo).toMatchObject({ store: false, background: false });
  });

  it('echoes tool_choice as sent', () => {
    const choice = { type: 'function', name: 'ping' };
    const decoded = decodeResponsesRequest({
      ...base,
      tools: [{ type: 'function', name: 'ping' }],
      tool_choice: choice,
    });
    expect(decoded.request.toolChoice).toEqual({ type: 'tool', name: 'ping' });
    expect(decoded.echo.tool_choice).toEqual(choice);
  });
});
