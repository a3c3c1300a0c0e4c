import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import {
  listIgnoredFields,
  locateRequestError,
  type RequestFieldNames,
  snakeCaseSettingNames,
} from './request-field-names.ts';

const names: RequestFieldNames = {
  ignoredFields: ['tools.web_search', 'store'],
  settings: { ...snakeCaseSettingNames, maxOutputTokens: 'max_output_tokens' },
  // The client's tools[1] was a hosted tool the decoder dropped, so neutral tool 1 is tools[2].
  toolParameters: ['tools[0].parameters', 'tools[2].parameters'],
  responseSchema: 'text.format.schema',
  imageParts: ['input[0].content[1]', 'input[2].content[0]'],
  messageContent: (index) => `messages[${index}].content`,
};

const schemaProblem = (target: GatewayError['target']) =>
  new GatewayError('invalid_request', 'The parameters of tool "time" are not a usable JSON Schema: bad.', {
    target,
    code: 'invalid_tool_schema',
  });

describe('locateRequestError', () => {
  it('names a tool schema error by the field the client sent it in, not by its neutral index', () => {
    const located = locateRequestError(schemaProblem({ type: 'tool-parameters', index: 1 }), names);
    expect(located).toBeInstanceOf(GatewayError);
    expect(located).toMatchObject({
      status: 400,
      kind: 'invalid_request',
      param: 'tools[2].parameters',
      code: 'invalid_tool_schema',
      message: 'tools[2].parameters: The parameters of tool "time" are not a usable JSON Schema: bad.',
    });
  });

  it.each([['text.format.schema'], ['output_config.format.schema'], ['response_format.json_schema.schema']])(
    'names a response schema error %s',
    (responseSchema) => {
      const located = locateRequestError(schemaProblem({ type: 'response-schema' }), {
        ...names,
        responseSchema,
      });
      expect(located).toMatchObject({
        param: responseSchema,
        message: expect.stringMatching(`^${responseSchema}: `),
      });
    },
  );

  it('names an image refusal by the message content field', () => {
    const refusal = new GatewayError('invalid_request', 'This message contains an image.', {
      target: { type: 'message-content', index: 3 },
    });
    expect(locateRequestError(refusal, names)).toMatchObject({
      param: 'messages[3].content',
      message: 'messages[3].content: This message contains an image.',
    });
  });

  it('names an image refusal by the wire path of that image part', () => {
    const refusal = new GatewayError('invalid_request', 'This part is an image.', {
      target: { type: 'image', index: 1 },
      code: 'unsupported_content',
    });
    expect(locateRequestError(refusal, names)).toMatchObject({
      param: 'input[2].content[0]',
      code: 'unsupported_content',
      message: 'input[2].content[0]: This part is an image.',
    });
  });

  it('leaves an image refusal unchanged when the decoder saw fewer images than the target counts', () => {
    const refusal = new GatewayError('invalid_request', 'This part is an image.', {
      target: { type: 'image', index: 2 },
    });
    expect(locateRequestError(refusal, names)).toBe(refusal);
  });

  it('leaves an error unchanged when the protocol has no name for its target', () => {
    const refusal = new GatewayError('invalid_request', 'This message contains an image.', {
      target: { type: 'message-content', index: 0 },
    });
    const { messageContent: _unnamed, ...withoutMessages } = names;
    expect(locateRequestError(refusal, withoutMessages)).toBe(refusal);
  });

  it('passes through errors that already name their field, have no target, or are not gateway errors', () => {
    const named = new GatewayError('invalid_request', 'model is required.', { param: 'model' });
    const untargeted = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 3 });
    const foreign = new TypeError('boom');
    for (const error of [named, untargeted, foreign]) expect(locateRequestError(error, names)).toBe(error);
  });

  it('keeps the retry advice and status of the error it names', () => {
    const busy = new GatewayError('invalid_request', 'Too big.', {
      target: { type: 'tool-parameters', index: 0 },
      status: 413,
      retryAfterSeconds: 9,
    });
    expect(locateRequestError(busy, names)).toMatchObject({
      status: 413,
      retryAfterSeconds: 9,
      param: 'tools[0].parameters',
    });
  });
});

describe('listIgnoredFields', () => {
  it("lists the decoder's fields first, then each warning under the protocol's own wire name", () => {
    expect(
      listIgnoredFields(names, [
        { type: 'ignored-setting', setting: 'temperature' },
        { type: 'ignored-setting', setting: 'maxOutputTokens' },
        { type: 'adjusted-setting', setting: 'reasoningEffort', detail: 'max became xhigh' },
      ]),
    ).toEqual(['tools.web_search', 'store', 'temperature', 'max_output_tokens', 'reasoning_effort']);
  });
});

describe('listIgnoredFields: reasoning', () => {
  const anthropic: RequestFieldNames = {
    ...names,
    ignoredFields: ['service_tier'],
    settings: { ...snakeCaseSettingNames, reasoning: 'thinking', reasoningEffort: 'output_config.effort' },
  };

  it('names ignored reasoning by its setting alone when no other field fed it', () => {
    expect(listIgnoredFields(anthropic, [{ type: 'ignored-setting', setting: 'reasoning' }])).toEqual([
      'service_tier',
      'thinking',
    ]);
  });

  it('names every field behind ignored reasoning when the decoder lists them', () => {
    const withEffort = { ...anthropic, reasoningFields: ['thinking', 'output_config.effort'] };
    expect(listIgnoredFields(withEffort, [{ type: 'ignored-setting', setting: 'reasoning' }])).toEqual([
      'service_tier',
      'thinking',
      'output_config.effort',
    ]);
  });

  it('names an adjusted reasoning setting by its setting alone', () => {
    const withEffort = { ...anthropic, reasoningFields: ['thinking', 'output_config.effort'] };
    const adjusted = {
      type: 'adjusted-setting',
      setting: 'reasoning',
      detail: 'enabled became adaptive',
    } as const;
    expect(listIgnoredFields(withEffort, [adjusted])).toEqual(['service_tier', 'thinking']);
  });
});
