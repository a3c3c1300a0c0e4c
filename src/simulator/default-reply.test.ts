import { describe, expect, it } from 'vitest';
import {
  buildStructuredOutputCorrection,
  buildStructuredOutputInstructions,
} from '../emulation/structured-output-prompt.ts';
import { renderToolCalls, renderToolResults } from '../emulation/tools/envelope.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { buildDefaultReply } from './default-reply.ts';
import type { ChatMessage } from './reply-request.ts';

const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 18 } },
  required: ['name', 'age'],
};
const toolInstructions = buildToolInstructions([weather], { type: 'auto' }, true);
const schemaInstructions =
  buildStructuredOutputInstructions({ type: 'json-schema', name: 'person', schema: person, strict: true }) ??
  '';
const objectInstructions = buildStructuredOutputInstructions({ type: 'json-object' }) ?? '';

function chat(...messages: ChatMessage[]): string {
  return buildDefaultReply({ endpoint: 'chat-generations', messages });
}

function generations(prompt: string): string {
  return buildDefaultReply({ endpoint: 'generations', messages: [{ role: 'user', content: prompt }] });
}

const weatherResults = renderToolResults([
  { call_id: 'call_1', name: 'get_weather', content: ' sunny, 21 C ', is_error: false },
  { call_id: 'call_2', content: 'timeout', is_error: true },
]);

describe('buildDefaultReply without instructions', () => {
  it('quotes the last user message, trimmed to 200 characters', () => {
    expect(chat({ role: 'user', content: `  ${'x'.repeat(250)}  ` })).toBe(
      `Simulated reply to: ${'x'.repeat(200)}`,
    );
    expect(
      chat(
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: ' second ' },
        { role: 'assistant', content: 'later' },
      ),
    ).toBe('Simulated reply to: second');
    expect(chat({ role: 'system', content: 'only a system message' })).toBe(
      'Simulated reply to: only a system message',
    );
    expect(generations('Write a haiku')).toBe('Simulated reply to: Write a haiku');
  });
});

describe('buildDefaultReply with tools', () => {
  it('calls a tool when the user just spoke', () => {
    expect(chat({ role: 'system', content: toolInstructions }, { role: 'user', content: 'city=Oslo' })).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Oslo"}}]\n</tool_calls>',
    );
  });

  it('summarises the tool results that come back, errors marked, which ends the loop', () => {
    const reply = chat(
      { role: 'system', content: toolInstructions },
      { role: 'user', content: 'city=Oslo' },
      { role: 'assistant', content: renderToolCalls([{ name: 'get_weather', arguments: { city: 'Oslo' } }]) },
      { role: 'user', content: weatherResults },
    );
    expect(reply).toBe('Based on the tool results: get_weather: sunny, 21 C; call_2 (error): timeout');
    expect(chat({ role: 'user', content: renderToolResults([]) })).toBe('The tools returned no results.');
  });

  it('answers in plain text when the rule forbids tools or the shape is no-call', () => {
    const none = buildToolInstructions([weather], { type: 'none' }, true);
    expect(chat({ role: 'system', content: none }, { role: 'user', content: 'city=Oslo' })).toBe(
      'Simulated reply to: city=Oslo',
    );
    const required = buildToolInstructions([weather], { type: 'required' }, true);
    expect(
      chat({ role: 'system', content: required }, { role: 'user', content: '#tool-shape=no-call hi' }),
    ).toBe('Simulated reply to: #tool-shape=no-call hi');
  });
});

describe('buildDefaultReply with structured output', () => {
  const system = { role: 'system' as const, content: `${schemaInstructions}\n\nYou extract people.` };

  it('answers with only an instance of the schema, using the values the user gave', () => {
    expect(chat(system, { role: 'user', content: 'name=Ada' })).toBe('{"name":"Ada","age":18}');
  });

  it('wraps the usual reply in {"answer"} when no schema is given', () => {
    expect(chat({ role: 'system', content: objectInstructions }, { role: 'user', content: 'Say hi' })).toBe(
      '{"answer":"Simulated reply to: Say hi"}',
    );
  });

  it('writes the fenced, prose-around and invalid shapes', () => {
    expect(chat(system, { role: 'user', content: '#json-shape=fenced name=Ada' })).toBe(
      '```json\n{\n  "name": "Ada",\n  "age": 18\n}\n```',
    );
    expect(chat(system, { role: 'user', content: '#json-shape=prose-around name=Ada' })).toBe(
      'Here is the JSON you asked for:\n{"name":"Ada","age":18}\nLet me know if you need anything else.',
    );
    expect(chat(system, { role: 'user', content: '#json-shape=invalid name=Ada' })).toBe('{"age":18}');
    expect(
      chat({ role: 'system', content: objectInstructions }, { role: 'user', content: '#json-shape=invalid' }),
    ).toBe('[{"answer":"Simulated reply to: #json-shape=invalid"}]');
  });

  it('stays invalid after the correction with the invalid shape', () => {
    const reply = chat(
      system,
      { role: 'user', content: '#json-shape=invalid name=Ada' },
      { role: 'assistant', content: '{"age":18}' },
      { role: 'user', content: buildStructuredOutputCorrection('missing property "name"') },
    );
    expect(reply).toBe('{"age":18}');
  });

  it('is invalid first and valid once the correction arrives with invalid-then-valid', () => {
    const first: ChatMessage[] = [
      system,
      { role: 'user', content: '#json-shape=invalid-then-valid name=Ada' },
    ];
    expect(chat(...first)).toBe('{"age":18}');
    const corrected = chat(
      ...first,
      { role: 'assistant', content: '{"age":18}' },
      { role: 'user', content: buildStructuredOutputCorrection('missing property "name"') },
    );
    expect(corrected).toBe('{"name":"Ada","age":18}');
  });

  it('calls a tool first when tools are offered too, then answers in JSON after the results', () => {
    const both = { role: 'system' as const, content: `${toolInstructions}\n\n${objectInstructions}` };
    const question = { role: 'user' as const, content: 'city=Oslo' };
    expect(chat(both, question)).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Oslo"}}]\n</tool_calls>',
    );
    const answer = chat(
      both,
      question,
      { role: 'assistant', content: 'called' },
      { role: 'user', content: weatherResults },
    );
    expect(answer).toBe(
      '{"answer":"Based on the tool results: get_weather: sunny, 21 C; call_2 (error): timeout"}',
    );
  });
});

describe('buildDefaultReply for generations', () => {
  it('applies the same scenarios to the one prompt', () => {
    expect(generations(`${toolInstructions}\n\nUser: weather for city=Lima`)).toBe(
      '<tool_calls>\n[{"name":"get_weather","arguments":{"city":"Lima"}}]\n</tool_calls>',
    );
    expect(generations(`${toolInstructions}\n\nUser: weather?\n${weatherResults}`)).toBe(
      'Based on the tool results: get_weather: sunny, 21 C; call_2 (error): timeout',
    );
    expect(generations(`${schemaInstructions}\n\n#json-shape=fenced name=Grace`)).toBe(
      '```json\n{\n  "name": "Grace",\n  "age": 18\n}\n```',
    );
    expect(generations(`${objectInstructions}\nTell me a joke`)).toBe(
      '{"answer":"Simulated reply to: Tell me a joke"}',
    );
  });

  it('turns valid after a correction written into the prompt', () => {
    const first = `${schemaInstructions}\n\n#json-shape=invalid-then-valid name=Grace`;
    expect(generations(first)).toBe('{"age":18}');
    const correction = buildStructuredOutputCorrection('missing property "name"');
    expect(generations(`${first}\nAssistant: {"age":18}\n${correction}`)).toBe('{"name":"Grace","age":18}');
  });
});
