import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../core/model.ts';
import { chatRequest } from '../shared/chat-request.fixtures.ts';
import { buildResponsesRequest } from './build-responses-request.ts';

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return chatRequest('sfdc_ai__DefaultGPT54', 'Hello', overrides);
}

describe('buildResponsesRequest', () => {
  it('builds a minimal stateless body with the model in it', () => {
    expect(buildResponsesRequest(request(), false)).toEqual({
      body: {
        model: 'sfdc_ai__DefaultGPT54',
        input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }],
        stream: false,
        store: false,
      },
      warnings: [],
    });
    expect(buildResponsesRequest(request(), true).body.stream).toBe(true);
  });

  it('maps a whole conversation to input items in order', () => {
    const { body } = buildResponsesRequest(
      request({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', url: 'https://example.com/pump.png' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'The user wants a lookup.', signature: 'sig' },
              { type: 'text', text: 'Let me check.' },
              { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { sku: 'P-17' } },
              { type: 'tool-call', id: 'call_2', name: 'run_sql', arguments: 'SELECT 1', freeform: true },
              { type: 'tool-call', id: 'call_3', name: 'lookup', arguments: 'not json {' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', callId: 'call_1', content: '{"stock":4}', isError: false },
              { type: 'tool-result', callId: 'call_2', content: '1', isError: false },
              { type: 'tool-result', callId: 'call_3', content: 'bad arguments', isError: true },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: 'Four in stock.' }] },
        ],
      }),
      false,
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: 'https://example.com/pump.png', detail: 'auto' },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
      { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"sku":"P-17"}' },
      { type: 'custom_tool_call', call_id: 'call_2', name: 'run_sql', input: 'SELECT 1' },
      { type: 'function_call', call_id: 'call_3', name: 'lookup', arguments: 'not json {' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"stock":4}' },
      { type: 'custom_tool_call_output', call_id: 'call_2', output: '1' },
      { type: 'function_call_output', call_id: 'call_3', output: 'bad arguments' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Four in stock.' }] },
    ]);
  });

  it('keeps text after a tool result in its own message item, and skips empty text', () => {
    const { body } = buildResponsesRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool-result', callId: 'call_1', content: 'done', isError: false },
              { type: 'text', text: '' },
              { type: 'text', text: 'Now summarise.' },
            ],
          },
        ],
      }),
      false,
    );
    expect(body.input).toEqual([
      { type: 'function_call_output', call_id: 'call_1', output: 'done' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Now summarise.' }] },
    ]);
  });

  it('sends function and custom tools flat, with tool choice and parallel calls', () => {
    const tools: ChatRequest['tools'] = [
      {
        name: 'lookup',
        description: 'Find a part',
        parameters: { type: 'object', properties: { sku: { type: 'string' } } },
      },
      {
        name: 'run_sql',
        parameters: {},
        freeform: { type: 'grammar', syntax: 'lark', definition: 'start: "SELECT"' },
      },
    ];
    const { body } = buildResponsesRequest(request({ tools, parallelToolCalls: false }), false);
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'lookup',
        description: 'Find a part',
        parameters: { type: 'object', properties: { sku: { type: 'string' } } },
        strict: false,
      },
      {
        type: 'custom',
        name: 'run_sql',
        format: { type: 'grammar', syntax: 'lark', definition: 'start: "SELECT"' },
      },
    ]);
    expect(body.tool_choice).toBe('auto');
    expect(body.parallel_tool_calls).toBe(false);

    const choice = (toolChoice: ChatRequest['toolChoice']) =>
      buildResponsesRequest(request({ tools, toolChoice }), false).body.tool_choice;
    expect(choice({ type: 'none' })).toBe('none');
    expect(choice({ type: 'required' })).toBe('required');
    expect(choice({ type: 'tool', name: 'lookup' })).toEqual({ type: 'function', name: 'lookup' });
    expect(choice({ type: 'tool', name: 'run_sql' })).toEqual({ type: 'custom', name: 'run_sql' });
  });

  it('sends no tool fields without tools', () => {
    const { body } = buildResponsesRequest(request({ toolChoice: { type: 'required' } }), false);
    expect(body).not.toHaveProperty('tools');
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  it('maps response formats to text.format', () => {
    const format = (responseFormat: ChatRequest['responseFormat']) =>
      buildResponsesRequest(request({ responseFormat }), false).body.text;
    expect(format({ type: 'text' })).toBeUndefined();
    expect(format({ type: 'json-object' })).toEqual({ format: { type: 'json_object' } });
    expect(format({ type: 'json-schema', name: 'part', schema: { type: 'object' }, strict: true })).toEqual({
      format: { type: 'json_schema', name: 'part', schema: { type: 'object' }, strict: true },
    });
  });

  it('sends max_output_tokens and sampling when no reasoning is asked for', () => {
    const built = buildResponsesRequest(
      request({ maxOutputTokens: 256, sampling: { temperature: 0.2, topP: 0.9 } }),
      false,
    );
    expect(built.body).toMatchObject({ max_output_tokens: 256, temperature: 0.2, top_p: 0.9 });
    expect(built.body).not.toHaveProperty('reasoning');
    expect(built.warnings).toEqual([]);
  });

  it('asks for a summary when the reasoning text is wanted, and drops sampling with warnings', () => {
    const built = buildResponsesRequest(
      request({
        reasoning: { mode: 'enabled', effort: 'high', returnText: true },
        sampling: { temperature: 0.2, topP: 0.9 },
      }),
      false,
    );
    expect(built.body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    expect(built.body).not.toHaveProperty('temperature');
    expect(built.body).not.toHaveProperty('top_p');
    expect(built.warnings).toEqual([
      { type: 'ignored-setting', setting: 'temperature' },
      { type: 'ignored-setting', setting: 'topP' },
    ]);
  });

  it('clamps effort max to xhigh, which the upstream accepts', () => {
    const built = buildResponsesRequest(
      request({ reasoning: { mode: 'adaptive', effort: 'max', returnText: false } }),
      false,
    );
    expect(built.body.reasoning).toEqual({ effort: 'xhigh' });
    expect(built.warnings).toEqual([
      {
        type: 'adjusted-setting',
        setting: 'reasoningEffort',
        detail: "effort 'max' is not accepted by Salesforce's GPT route; 'xhigh' was sent",
      },
    ]);
  });

  it('sends effort none as is and keeps sampling with it', () => {
    const built = buildResponsesRequest(
      request({
        reasoning: { mode: 'enabled', effort: 'none', returnText: false },
        sampling: { temperature: 1 },
      }),
      false,
    );
    expect(built.body.reasoning).toEqual({ effort: 'none' });
    expect(built.body.temperature).toBe(1);
    expect(built.warnings).toEqual([]);
  });

  it('sends no reasoning field when reasoning is disabled', () => {
    const built = buildResponsesRequest(
      request({ reasoning: { mode: 'disabled', returnText: false }, sampling: { topP: 0.5 } }),
      false,
    );
    expect(built.body).not.toHaveProperty('reasoning');
    expect(built.body.top_p).toBe(0.5);
  });

  it('reports a token budget it cannot send, and still drops sampling for the default reasoning', () => {
    const built = buildResponsesRequest(
      request({
        reasoning: { mode: 'enabled', budgetTokens: 4096, returnText: false },
        sampling: { topP: 0.5 },
      }),
      false,
    );
    expect(built.body).not.toHaveProperty('reasoning');
    expect(built.body).not.toHaveProperty('top_p');
    expect(built.warnings).toEqual([
      expect.objectContaining({ type: 'adjusted-setting', setting: 'reasoning' }),
      { type: 'ignored-setting', setting: 'topP' },
    ]);
  });

  it('reports sampling settings that have no Responses field', () => {
    const built = buildResponsesRequest(
      request({ sampling: { topK: 40, seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.2 } }),
      false,
    );
    expect(built.body).not.toHaveProperty('top_k');
    expect(built.body).not.toHaveProperty('seed');
    expect(built.warnings).toEqual([
      { type: 'ignored-setting', setting: 'topK' },
      { type: 'ignored-setting', setting: 'seed' },
      { type: 'ignored-setting', setting: 'presencePenalty' },
      { type: 'ignored-setting', setting: 'frequencyPenalty' },
    ]);
  });

  it('does not send stop sequences, which the Responses API has no field for', () => {
    const { body } = buildResponsesRequest(request({ stopSequences: ['END'] }), false);
    expect(JSON.stringify(body)).not.toContain('END');
  });
});
