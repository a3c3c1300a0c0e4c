import { describe, expect, it } from 'vitest';
import { createBedrockRoute } from './bedrock-route.ts';
import { buildBedrockRequest } from './build-bedrock-request.ts';
import { dropThinking, request } from './chat-request.fixtures.ts';

describe('buildBedrockRequest', () => {
  it('builds the minimal body: version, default max_tokens, messages; no model and no stream', () => {
    expect(buildBedrockRequest(request(), dropThinking)).toEqual({
      body: {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 4096,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Is the compressor on circuit 4?' }] }],
      },
      warnings: [],
    });
  });

  it("takes the client's max tokens, stop sequences and sampling when thinking is off", () => {
    const built = buildBedrockRequest(
      request({
        maxOutputTokens: 300,
        stopSequences: ['END'],
        sampling: { temperature: 0.2, topP: 0.9, topK: 40 },
      }),
      dropThinking,
    );
    expect(built.body).toMatchObject({
      max_tokens: 300,
      stop_sequences: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
    });
    expect(built.warnings).toEqual([]);
  });

  it('reports seed and penalties as ignored: Anthropic has none', () => {
    const built = buildBedrockRequest(
      request({ sampling: { seed: 7, presencePenalty: 0.5, frequencyPenalty: 0.1 } }),
      dropThinking,
    );
    expect(built.body).not.toHaveProperty('seed');
    expect(built.warnings).toEqual([
      { type: 'ignored-setting', setting: 'seed' },
      { type: 'ignored-setting', setting: 'presencePenalty' },
      { type: 'ignored-setting', setting: 'frequencyPenalty' },
    ]);
  });

  it('hoists system messages into `system`, merges same-role turns and sends tool turns as user turns', () => {
    const built = buildBedrockRequest(
      request({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'You are a field-service assistant.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Unit R-12 trips.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Which circuit?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool-call', id: 'toolu_01', name: 'lookup_circuit', arguments: { unit: 'R-12' } },
            ],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', callId: 'toolu_01', content: 'circuit 4', isError: false }],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', callId: 'toolu_02', content: 'timeout', isError: true }],
          },
          { role: 'system', content: [{ type: 'text', text: 'Answer briefly.' }] },
        ],
      }),
      dropThinking,
    );
    expect(built.body.system).toBe('You are a field-service assistant.\n\nAnswer briefly.');
    expect(built.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Unit R-12 trips.' },
          { type: 'text', text: 'Which circuit?' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01', name: 'lookup_circuit', input: { unit: 'R-12' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: 'circuit 4' },
          { type: 'tool_result', tool_use_id: 'toolu_02', content: 'timeout', is_error: true },
        ],
      },
    ]);
  });

  it('parses tool-call arguments that arrive as JSON text, and refuses ones that are no object', () => {
    const call = (args: unknown) =>
      request({
        messages: [
          {
            role: 'assistant',
            content: [{ type: 'tool-call', id: 't1', name: 'lookup_circuit', arguments: args }],
          },
        ],
      });
    expect(buildBedrockRequest(call(undefined), dropThinking).body.messages).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'lookup_circuit', input: {} }] },
    ]);
    const built = buildBedrockRequest(call('{"unit":"R-12"}'), dropThinking);
    expect(built.body.messages).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'lookup_circuit', input: { unit: 'R-12' } }],
      },
    ]);
    expect(() => buildBedrockRequest(call('[1,2]'), dropThinking)).toThrow(
      expect.objectContaining({ kind: 'invalid_request', target: { type: 'message-content', index: 0 } }),
    );
  });

  it('sends data-URL images as base64 sources and https images as url sources; refuses others', () => {
    const withImage = (url: string) =>
      request({ messages: [{ role: 'user', content: [{ type: 'image', url }] }] });
    expect(
      buildBedrockRequest(withImage('data:image/png;base64,iVBORw0KGgo='), dropThinking).body.messages,
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
    ]);
    expect(buildBedrockRequest(withImage('https://example.com/r12.jpg'), dropThinking).body.messages).toEqual(
      [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/r12.jpg' } }],
        },
      ],
    );
    expect(() => buildBedrockRequest(withImage('http://example.com/r12.jpg'), dropThinking)).toThrow(
      expect.objectContaining({ kind: 'invalid_request', code: 'invalid_image_url' }),
    );
  });

  it('leaves thinking out of the history by default, dropping turns left empty, and keeps signed thinking when asked', () => {
    const history = request({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'greet back', signature: 'sig-1' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned, from another model' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', redactedData: 'EmwKAhgB' },
            { type: 'text', text: 'Hello.' },
          ],
        },
      ],
    });
    expect(buildBedrockRequest(history, dropThinking).body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
    ]);
    expect(
      createBedrockRoute({ keepThinkingHistory: true }).buildRequest(history, false).body.messages,
    ).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'greet back', signature: 'sig-1' },
          { type: 'redacted_thinking', data: 'EmwKAhgB' },
          { type: 'text', text: 'Hello.' },
        ],
      },
    ]);
  });
});

describe('bedrockRoute path', () => {
  it('puts the URL-encoded model in the path and picks the path by streaming', () => {
    const route = createBedrockRoute();
    expect(route.path('sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet', false)).toBe(
      '/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke',
    );
    expect(route.path('a/b c', true)).toBe('/model/a%2Fb%20c/invoke-with-response-stream');
    expect(route.streamContentType.test('application/vnd.amazon.eventstream')).toBe(true);
    expect(route.streamContentType.test('application/json')).toBe(false);
  });
});
