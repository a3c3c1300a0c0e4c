import { describe, expect, it } from 'vitest';
import { mapStopReason } from './map-stop-reason.ts';
import { parseBedrockResponse } from './parse-bedrock-response.ts';

const now = () => 1_760_000_000_000;

describe('parseBedrockResponse', () => {
  it('reads text, tool calls, thinking, stop reason and usage from an Anthropic Message', () => {
    const body = {
      id: 'msg_bdrk_01Xq7',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'thinking', thinking: 'The user wants the circuit.', signature: 'EqQBCkYIBxgC' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
        { type: 'text', text: 'Let me look that up.' },
        { type: 'tool_use', id: 'toolu_bdrk_01', name: 'lookup_circuit', input: { unit: 'R-12' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 120,
        output_tokens: 24,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 30,
      },
    };
    expect(parseBedrockResponse(body, now)).toEqual({
      id: 'msg_bdrk_01Xq7',
      servedModel: 'claude-sonnet-4-6',
      created: 1_760_000_000,
      content: [
        { type: 'reasoning', text: 'The user wants the circuit.', signature: 'EqQBCkYIBxgC' },
        { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3' },
        { type: 'text', text: 'Let me look that up.' },
        { type: 'tool-call', id: 'toolu_bdrk_01', name: 'lookup_circuit', arguments: { unit: 'R-12' } },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: { inputTokens: 160, outputTokens: 24, totalTokens: 184 },
    });
  });

  it('reports the matched stop sequence', () => {
    const body = {
      id: 'msg_bdrk_02',
      model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text: 'Circuit 4' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
      usage: { input_tokens: 5, output_tokens: 3 },
    };
    expect(parseBedrockResponse(body, now).finishReason).toEqual({
      unified: 'stop-sequence',
      raw: 'stop_sequence',
      stopSequence: 'END',
    });
  });

  it('skips empty text and unknown blocks', () => {
    const body = {
      id: 'msg_bdrk_03',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'text', text: '' },
        { type: 'server_tool_use', id: 'srv_1' },
      ],
      stop_reason: 'end_turn',
    };
    expect(parseBedrockResponse(body, now).content).toEqual([]);
  });

  it.each([
    [
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      'upstream_unavailable',
      /Overloaded/,
    ],
    [
      {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'thinking.type.enabled is not supported' },
      },
      'invalid_request',
      /thinking/,
    ],
    [
      { errorCode: 'SERVER_ERROR', message: 'No user context has been created!' },
      'upstream_error',
      /SERVER_ERROR: No user context/,
    ],
    [{ errorCode: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }, 'rate_limit', /Rate limit/],
    [{ errors: [{ message: 'Invalid token' }] }, 'upstream_error', /Invalid token/],
    [{ message: 'Model not available' }, 'upstream_error', /Model not available/],
    [{ message: 'Service unavailable' }, 'upstream_unavailable', /Service unavailable/],
    [{ Message: 'Model is overloaded, try later' }, 'upstream_unavailable', /overloaded/],
    [{ message: 'Request timed out' }, 'upstream_timeout', /timed out/],
  ])('throws a GatewayError for an error-shaped body %j', (body, kind, message) => {
    expect(() => parseBedrockResponse(body, now)).toThrow(
      expect.objectContaining({ kind, message: expect.stringMatching(message) }),
    );
  });

  it('throws an upstream error for a body that is no message', () => {
    expect(() => parseBedrockResponse('<html>busy</html>', now)).toThrow(
      expect.objectContaining({ kind: 'upstream_error' }),
    );
    expect(() => parseBedrockResponse({ id: 'msg_1' }, now)).toThrow(/no content array/);
  });

  it('shortens long upstream wording in the client message', () => {
    expect(() => parseBedrockResponse({ message: 'x'.repeat(2000) }, now)).toThrow(/^.{0,600}$/s);
  });

  it('blots out a credential the upstream echoes back, in an Anthropic error or any other shape', () => {
    const token = 'Bearer eyJhbGc.eyJzdWIi.c2ln';
    for (const body of [
      { type: 'error', error: { type: 'authentication_error', message: `refused ${token}` } },
      { errors: [{ message: `refused ${token}` }] },
    ]) {
      expect(() => parseBedrockResponse(body, now)).toThrow(/refused \[redacted\]$/);
    }
  });
});

describe('mapStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    [null, 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  ])('maps %s to %s', (raw, unified) => {
    expect(mapStopReason(raw, null)).toEqual({ unified, raw });
  });
});
