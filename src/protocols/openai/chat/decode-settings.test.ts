import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../core/model.ts';
import { decodeChatCompletionRequest, decodeChatRequest } from './decode.ts';

const base = { model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] };

describe('decodeChatRequest: settings', () => {
  it('decodes a minimal request with neutral defaults', () => {
    expect(decodeChatRequest(base)).toEqual({
      model: 'my-model',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [],
      toolChoice: { type: 'auto' },
      parallelToolCalls: true,
      responseFormat: { type: 'text' },
      stopSequences: [],
      sampling: {},
    } satisfies ChatRequest);
    expect(decodeChatCompletionRequest(base).fieldNames.ignoredFields).toEqual([]);
  });

  it('maps sampling, stop and token limits onto the neutral request', () => {
    const request = decodeChatRequest({
      ...base,
      temperature: 0.7,
      top_p: 0.9,
      top_k: 40,
      seed: 42,
      presence_penalty: -1,
      frequency_penalty: 2,
      max_tokens: 100,
      stop: 'END',
      n: 1,
      parallel_tool_calls: false,
    });
    expect(request.sampling).toEqual({
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      seed: 42,
      presencePenalty: -1,
      frequencyPenalty: 2,
    });
    expect(request.maxOutputTokens).toBe(100);
    expect(request.stopSequences).toEqual(['END']);
    expect(request.parallelToolCalls).toBe(false);
  });

  it('treats max_completion_tokens as a synonym and prefers it when both differ', () => {
    expect(decodeChatRequest({ ...base, max_completion_tokens: 64 }).maxOutputTokens).toBe(64);
    expect(decodeChatRequest({ ...base, max_tokens: 10, max_completion_tokens: 64 }).maxOutputTokens).toBe(
      64,
    );
  });

  it('treats null settings as absent', () => {
    const request = decodeChatRequest({
      ...base,
      temperature: null,
      max_tokens: null,
      stop: null,
      tools: null,
      tool_choice: null,
    });
    expect(request.sampling).toEqual({});
    expect(request).not.toHaveProperty('maxOutputTokens');
    expect(request.stopSequences).toEqual([]);
  });

  it('accepts a stop array and drops empty sequences', () => {
    expect(decodeChatRequest({ ...base, stop: ['\n\n', '', 'User:'] }).stopSequences).toEqual([
      '\n\n',
      'User:',
    ]);
  });

  it('returns the stream settings alongside the request', () => {
    expect(
      decodeChatCompletionRequest({ ...base, stream: true, stream_options: { include_usage: true } }),
    ).toMatchObject({
      stream: true,
      includeUsage: true,
    });
    expect(decodeChatCompletionRequest(base)).toMatchObject({ stream: false, includeUsage: false });
  });

  it('flags legacy functions only when the body sends functions without tools', () => {
    const functions = [{ name: 'ping' }];
    const tools = [{ type: 'function', function: { name: 'ping' } }];
    expect(decodeChatCompletionRequest({ ...base, functions }).legacyFunctions).toBe(true);
    expect(decodeChatCompletionRequest({ ...base, functions, tools: null }).legacyFunctions).toBe(true);
    expect(decodeChatCompletionRequest({ ...base, functions, tools }).legacyFunctions).toBe(false);
    expect(decodeChatCompletionRequest({ ...base, tools }).legacyFunctions).toBe(false);
    expect(decodeChatCompletionRequest(base).legacyFunctions).toBe(false);
  });

  it('decodes every response_format', () => {
    expect(decodeChatRequest({ ...base, response_format: { type: 'text' } }).responseFormat).toEqual({
      type: 'text',
    });
    expect(decodeChatRequest({ ...base, response_format: { type: 'json_object' } }).responseFormat).toEqual({
      type: 'json-object',
    });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const decoded = decodeChatCompletionRequest({
      ...base,
      response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
    });
    expect(decoded.request.responseFormat).toEqual({
      type: 'json-schema',
      name: 'reply',
      schema,
      strict: true,
    });
    expect(decoded.fieldNames.responseSchema).toBe('response_format.json_schema.schema');
    // the schema is optional in Chat Completions: a named format without one asks for any JSON object
    for (const json_schema of [{ name: 'reply' }, { name: 'reply', schema: null }]) {
      expect(
        decodeChatRequest({ ...base, response_format: { type: 'json_schema', json_schema } }).responseFormat,
      ).toEqual({ type: 'json-object' });
    }
  });

  it('lists set fields that have no effect, skipping null and false, and ignores unknown fields', () => {
    const { fieldNames } = decodeChatCompletionRequest({
      ...base,
      user: 'u-1',
      logit_bias: { '50256': -100 },
      logprobs: false,
      metadata: null,
      reasoning_effort: 'low',
      store: true,
      some_vendor_extension: { anything: 1 },
    });
    // reasoning_effort is a reasoning setting now: the pipeline reports it for an upstream without reasoning.
    expect(fieldNames.ignoredFields).toEqual(['logit_bias', 'user', 'store']);
  });
});

describe('decodeChatRequest: reasoning_effort', () => {
  it('becomes adaptive reasoning with that effort, asking for no reasoning text', () => {
    const { request, fieldNames } = decodeChatCompletionRequest({ ...base, reasoning_effort: 'high' });
    expect(request.reasoning).toEqual({ mode: 'adaptive', effort: 'high', returnText: false });
    expect(fieldNames.settings.reasoning).toBe('reasoning_effort');
    expect(fieldNames.settings.reasoningEffort).toBe('reasoning_effort');
  });

  it('leaves reasoning out when the effort is null or absent', () => {
    expect(decodeChatRequest({ ...base, reasoning_effort: null })).not.toHaveProperty('reasoning');
    expect(decodeChatRequest(base)).not.toHaveProperty('reasoning');
  });

  it('refuses an effort no model knows, naming the field', () => {
    expect(() => decodeChatRequest({ ...base, reasoning_effort: 'extreme' })).toThrow(
      expect.objectContaining({ status: 400, param: 'reasoning_effort' }),
    );
  });
});
