import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../core/errors.ts';
import { thrownGatewayError } from '../shared/decode.fixtures.ts';
import { snakeCaseSettingNames } from '../shared/request-field-names.ts';
import { type DecodedMessages, decodeCountTokensRequest, decodeMessagesRequest } from './decode.ts';

const base = { model: 'claude-sonnet-5', max_tokens: 1024 };

function decode(body: Record<string, unknown>): DecodedMessages {
  const { request, fieldNames } = decodeMessagesRequest({ ...base, ...body });
  return { request, fieldNames };
}

function decodeError(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeMessagesRequest(body));
}

function user(content: unknown) {
  return { messages: [{ role: 'user', content }] };
}

describe('decodeMessagesRequest', () => {
  it('decodes a minimal request into a neutral request with defaults', () => {
    const decoded = decodeMessagesRequest({ ...base, messages: [{ role: 'user', content: 'Hello' }] });
    expect(decoded).toEqual({
      stream: false,
      request: {
        model: 'claude-sonnet-5',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
        tools: [],
        toolChoice: { type: 'auto' },
        parallelToolCalls: true,
        responseFormat: { type: 'text' },
        stopSequences: [],
        maxOutputTokens: 1024,
        sampling: {},
      },
      fieldNames: {
        ignoredFields: [],
        settings: {
          ...snakeCaseSettingNames,
          reasoning: 'thinking',
          reasoningEffort: 'output_config.effort',
        },
        toolParameters: [],
        imageParts: [],
      },
    });
  });

  it('reads stream, stop_sequences and sampling settings', () => {
    const decoded = decodeMessagesRequest({
      ...base,
      ...user('Hi'),
      stream: true,
      stop_sequences: ['END', '', '###'],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
    });
    expect(decoded.stream).toBe(true);
    expect(decoded.request.stopSequences).toEqual(['END', '###']);
    expect(decoded.request.sampling).toEqual({ temperature: 0.3, topP: 0.9, topK: 40 });
  });

  describe('fields without effect', () => {
    it('tolerates unknown and beta fields and reports those that cannot take effect', () => {
      const { request, fieldNames } = decode({
        ...user('Hi'),
        metadata: { user_id: 'u-1' },
        thinking: { type: 'adaptive' },
        output_config: { effort: 'high' },
        context_management: { edits: [] },
        service_tier: 'auto',
        mcp_servers: [],
        container: null,
        some_future_field: { anything: true },
      });
      // thinking and output_config.effort are reasoning settings now, which the pipeline reports
      // for an upstream that cannot honour them, naming both fields.
      expect(fieldNames.ignoredFields).toEqual(['context_management', 'service_tier']);
      expect(request.reasoning).toEqual({ mode: 'adaptive', effort: 'high', returnText: true });
      expect(fieldNames.reasoningFields).toEqual(['thinking', 'output_config.effort']);
    });

    it('does not report thinking that is disabled', () => {
      expect(decode({ ...user('Hi'), thinking: { type: 'disabled' } }).fieldNames.ignoredFields).toEqual([]);
    });

    it('maps output_config.format and the beta output_format to a strict JSON schema', () => {
      const schema = { type: 'object', properties: { answer: { type: 'string' } } };
      const expected = { type: 'json-schema', name: 'output', schema, strict: true };
      const fromConfig = decode({
        ...user('Hi'),
        output_config: { format: { type: 'json_schema', schema } },
      });
      expect(fromConfig.request.responseFormat).toEqual(expected);
      expect(fromConfig.fieldNames.responseSchema).toBe('output_config.format.schema');
      const fromBeta = decode({ ...user('Hi'), output_format: { type: 'json_schema', schema } });
      expect(fromBeta.request.responseFormat).toEqual(expected);
      expect(fromBeta.fieldNames.responseSchema).toBe('output_format.schema');
    });

    it('takes output_config.format over the beta output_format and names the field it read', () => {
      const schema = { type: 'object' };
      const { request, fieldNames } = decode({
        ...user('Hi'),
        output_config: { format: { type: 'json_schema', schema } },
        output_format: { type: 'json_schema', schema: { type: 'string' } },
      });
      expect(request.responseFormat).toMatchObject({ schema });
      expect(fieldNames.responseSchema).toBe('output_config.format.schema');
    });
  });

  describe('required fields', () => {
    it.each([
      [{ max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, 'model', 'model is required.'],
      [{ model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens', 'max_tokens is required.'],
      [{ model: 'm', max_tokens: 10 }, 'messages', 'messages is required.'],
      [{ model: 'm', max_tokens: 10, messages: [] }, 'messages', 'messages must have at least 1 item.'],
      [
        { model: 'm', max_tokens: 0, messages: [{ role: 'user', content: 'x' }] },
        'max_tokens',
        'max_tokens must be greater than 0; got 0.',
      ],
      [
        { model: 'm', max_tokens: 10, messages: [{ role: 'tool', content: 'x' }] },
        'messages[0].role',
        'messages[0].role must be one of user, assistant, system; got "tool".',
      ],
    ])('names the field at fault %#', (body, param, message) => {
      const error = decodeError(body);
      expect(error).toMatchObject({ status: 400, param, message });
    });

    it('refuses a body that is not an object', () => {
      expect(decodeError([1, 2]).message).toBe(
        'The request body must be a JSON object with "model", "max_tokens" and "messages".',
      );
    });
  });
});

describe('decodeCountTokensRequest', () => {
  it('needs no max_tokens and decodes system, tools and messages', () => {
    const { request, fieldNames } = decodeCountTokensRequest({
      model: 'claude-sonnet-5',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
      tools: [{ name: 'ping', input_schema: { type: 'object' } }],
    });
    expect(request.maxOutputTokens).toBeUndefined();
    expect(request.messages).toHaveLength(2);
    expect(request.tools).toEqual([{ name: 'ping', parameters: { type: 'object' } }]);
    expect(fieldNames.toolParameters).toEqual(['tools[0].input_schema']);
  });

  it('still requires model and messages', () => {
    expect(() => decodeCountTokensRequest({ model: 'm' })).toThrow('messages is required.');
  });
});
