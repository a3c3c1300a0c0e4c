import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, ResponseFormat, ToolChoice } from '../core/model.ts';
import { textAnswer, textRequest } from '../core/provider.fixtures.ts';
import { chatWithEmulation, type StructuredOutputOutcome } from './emulated-chat.ts';
import { sharedSchemaValidator } from './schema/schema-validator.fixtures.ts';
import type { ToolParseOutcome } from './tools/parse-tool-calls.ts';

const logger = pino({ level: 'silent' });

const weatherTool = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return textRequest('Weather in Paris?', { model: 'sfdc_ai__Up', tools: [weatherTool], ...overrides });
}

/** An upstream that answers from a script and remembers what it was sent. */
function scriptedUpstream(...replies: string[]) {
  const sent: ChatRequest[] = [];
  const call = async (upstreamRequest: ChatRequest) => {
    sent.push(upstreamRequest);
    const reply = replies.shift();
    if (reply === undefined) throw new Error('upstream called more often than scripted');
    return textAnswer(reply);
  };
  return { sent, call };
}

async function run(chatRequest: ChatRequest, ...replies: string[]) {
  const outcomes: ToolParseOutcome[] = [];
  const structuredOutcomes: StructuredOutputOutcome[] = [];
  const upstream = scriptedUpstream(...replies);
  const result = await chatWithEmulation(
    chatRequest,
    upstream.call,
    {
      validator: sharedSchemaValidator,
      onToolParseOutcome: (outcome) => outcomes.push(outcome),
      onStructuredOutputOutcome: (outcome) => structuredOutcomes.push(outcome),
    },
    logger,
  );
  return { result, sent: upstream.sent, outcomes, structuredOutcomes };
}

const call = '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris"}}]\n</tool_calls>';

describe('chatWithEmulation', () => {
  it('puts the tool instruction first and turns the envelope into a tool call', async () => {
    const { result, sent, outcomes } = await run(request(), `Checking.\n${call}`);
    const instruction = sent[0]?.messages[0];
    expect(instruction?.role).toBe('system');
    expect(JSON.stringify(instruction)).toContain('<tools>');
    expect(result.content).toEqual([
      { type: 'text', text: 'Checking.' },
      {
        type: 'tool-call',
        id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: { city: 'Paris' },
      },
    ]);
    expect(result.finishReason.unified).toBe('tool-calls');
    expect(outcomes).toEqual(['parsed']);
  });

  it('leaves text alone when tool_choice is none', async () => {
    const { result, outcomes } = await run(request({ toolChoice: { type: 'none' } }), call);
    expect(result.content).toEqual([{ type: 'text', text: call }]);
    expect(outcomes).toEqual([]);
  });

  it.each<[string, ToolChoice]>([
    ['required', { type: 'required' }],
    ['named', { type: 'tool', name: 'get_weather' }],
  ])('asks once more when a %s call is missing, adding up usage', async (_name, toolChoice) => {
    const { result, sent } = await run(request({ toolChoice }), 'It is sunny.', call);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'It is sunny.' }],
    });
    expect(JSON.stringify(sent[1]?.messages.at(-1))).toContain('did not call a tool');
    expect(result.content.map((part) => part.type)).toEqual(['tool-call']);
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 10, totalTokens: 30 });
  });

  it('returns the text honestly when the reminder does not help either', async () => {
    const { result, sent } = await run(request({ toolChoice: { type: 'required' } }), 'No.', 'Still no.');
    expect(sent).toHaveLength(2);
    expect(result.content).toEqual([{ type: 'text', text: 'Still no.' }]);
    expect(result.finishReason.unified).toBe('stop');
  });

  it('keeps only the first call when parallel calls are off', async () => {
    const two =
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_weather","arguments":{"city":"Oslo"}}]\n</tool_calls>';
    const { result } = await run(request({ parallelToolCalls: false }), two);
    expect(result.content).toEqual([
      { type: 'tool-call', id: expect.any(String), name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
  });

  const schemaFormat: ResponseFormat = {
    type: 'json-schema',
    name: 'city',
    strict: true,
    schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  };

  it('returns validated compact JSON for a json_schema format, extracted from a fence', async () => {
    const { result, sent, structuredOutcomes } = await run(
      request({ tools: [], responseFormat: schemaFormat }),
      'Here:\n```json\n{ "name": "Paris" }\n```',
    );
    expect(result.content).toEqual([{ type: 'text', text: '{"name":"Paris"}' }]);
    // Dug out of prose and a fence, so not valid as sent.
    expect(structuredOutcomes).toEqual(['repaired']);
    expect(JSON.stringify(sent[0]?.messages[0])).toContain('<response_schema>');
  });

  it('sends one correction when the JSON misses the schema, and uses the corrected answer', async () => {
    const { result, sent, structuredOutcomes } = await run(
      request({ tools: [], responseFormat: schemaFormat }),
      '{"city": 1}',
      '{"name": "Oslo"}',
    );
    expect(sent).toHaveLength(2);
    expect(JSON.stringify(sent[1]?.messages.at(-1))).toContain('Your last reply was not valid');
    expect(result.content).toEqual([{ type: 'text', text: '{"name":"Oslo"}' }]);
    expect(structuredOutcomes).toEqual(['corrected']);
  });

  it('fails loudly for strict json_schema after a failed correction, and returns text otherwise', async () => {
    await expect(
      run(request({ tools: [], responseFormat: schemaFormat }), 'no json', 'still none'),
    ).rejects.toMatchObject({ code: 'structured_output_invalid', status: 502 });
    const lenient = await run(
      request({ tools: [], responseFormat: { ...schemaFormat, strict: false } }),
      'no',
      'nope',
    );
    expect(lenient.result.content).toEqual([{ type: 'text', text: 'nope' }]);
    expect(lenient.structuredOutcomes).toEqual(['invalid']);
  });

  it('accepts any JSON object for json_object', async () => {
    const { result, structuredOutcomes } = await run(
      request({ tools: [], responseFormat: { type: 'json-object' } }),
      "{'a': 1,}",
    );
    expect(result.content).toEqual([{ type: 'text', text: '{"a":1}' }]);
    expect(structuredOutcomes).toEqual(['repaired']);
  });
});
