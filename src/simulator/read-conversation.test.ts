import { describe, expect, it } from 'vitest';
import {
  buildStructuredOutputCorrection,
  buildStructuredOutputInstructions,
} from '../emulation/structured-output-prompt.ts';
import { renderToolCalls, renderToolResults } from '../emulation/tools/envelope.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { readConversation } from './read-conversation.ts';
import type { ChatMessage } from './reply-request.ts';

const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const toolInstructions = buildToolInstructions([weather], { type: 'auto' }, true);
const schema = { type: 'object', properties: { answer: { type: 'string' } } };
const jsonInstructions = buildStructuredOutputInstructions({
  type: 'json-schema',
  name: 'reply',
  schema,
  strict: true,
});
const results = renderToolResults([
  { call_id: 'call_1', name: 'get_weather', content: 'sunny', is_error: false },
]);

function chat(...messages: ChatMessage[]) {
  return readConversation('chat-generations', messages);
}

describe('readConversation for chat-generations', () => {
  it('reads the tools and the rule from the system messages and the last user turn', () => {
    const reading = chat(
      { role: 'system', content: toolInstructions },
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'city=Oslo' },
    );
    expect(reading.tools).toEqual([weather]);
    expect(reading.rule).toEqual({ choice: { type: 'auto' }, parallel: true });
    expect(reading.endsWithUser).toBe(true);
    expect(reading.userText).toBe('city=Oslo');
    expect(reading.toolResults).toBeUndefined();
    expect(reading.jsonOutput).toBeUndefined();
    expect(Object.fromEntries(reading.hints)).toEqual({ city: 'Oslo' });
  });

  it('ignores a <tools> block outside the system messages and a tag named in prose', () => {
    const reading = chat(
      { role: 'system', content: 'Tools arrive in a <tools> block.' },
      { role: 'user', content: `<tools>\n${JSON.stringify([weather])}\n</tools>` },
    );
    expect(reading.tools).toEqual([]);
  });

  it('reads tool results only from a user turn that ends the conversation', () => {
    const call = renderToolCalls([{ name: 'get_weather', arguments: { city: 'Oslo' } }]);
    const turns: ChatMessage[] = [
      { role: 'system', content: toolInstructions },
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: call },
      { role: 'user', content: results },
    ];
    expect(chat(...turns).toolResults).toEqual([
      { call_id: 'call_1', name: 'get_weather', content: 'sunny', is_error: false },
    ]);
    const answered = chat(...turns, { role: 'assistant', content: 'It is sunny.' });
    expect(answered.endsWithUser).toBe(false);
    expect(answered.toolResults).toBeUndefined();
  });

  it('turns non-string result content into JSON text', () => {
    const block = '<tool_results>\n[{"call_id":"c","content":{"temp":21},"is_error":true}]\n</tool_results>';
    expect(chat({ role: 'user', content: block }).toolResults).toEqual([
      { call_id: 'c', content: '{"temp":21}', is_error: true },
    ]);
  });

  it('sees the JSON-only instruction with and without a schema', () => {
    expect(
      chat({ role: 'system', content: `${jsonInstructions}\nBe nice.` }, { role: 'user', content: 'hi' })
        .jsonOutput,
    ).toEqual({
      schema,
    });
    const plain = buildStructuredOutputInstructions({ type: 'json-object' }) ?? '';
    expect(chat({ role: 'system', content: plain }, { role: 'user', content: 'hi' }).jsonOutput).toEqual({
      schema: undefined,
    });
  });

  it('reads markers from every user turn, so a correction turn keeps the earlier marker', () => {
    const reading = chat(
      { role: 'system', content: jsonInstructions ?? '' },
      { role: 'user', content: '#json-shape=invalid-then-valid name=Ada' },
      { role: 'assistant', content: '{}' },
      { role: 'user', content: buildStructuredOutputCorrection('missing "answer"') },
    );
    expect(reading.markers).toEqual({
      toolShape: 'envelope',
      jsonShape: 'invalid-then-valid',
      correctedAfterJsonMarker: true,
    });
    expect(reading.hints.get('name')).toBe('Ada');
  });
});

describe('readConversation for generations', () => {
  it('reads the instructions from the whole prompt and the user turn from what follows them', () => {
    const prompt = `${toolInstructions}\n\n${jsonInstructions}\n\nWhat is the weather in city=Bergen?`;
    const reading = readConversation('generations', [{ role: 'user', content: prompt }]);
    expect(reading.tools).toEqual([weather]);
    expect(reading.jsonOutput).toEqual({ schema });
    expect(reading.userText).toBe('What is the weather in city=Bergen?');
    expect(reading.endsWithUser).toBe(true);
    expect(Object.fromEntries(reading.hints)).toEqual({ city: 'Bergen' });
  });

  it('finds tool results after the instructions, not the mention of the tag inside them', () => {
    const plain = readConversation('generations', [{ role: 'user', content: `${toolInstructions}\nhello` }]);
    expect(plain.toolResults).toBeUndefined();
    const answered = readConversation('generations', [
      { role: 'user', content: `${toolInstructions}\n${results}` },
    ]);
    expect(answered.toolResults).toEqual([
      { call_id: 'call_1', name: 'get_weather', content: 'sunny', is_error: false },
    ]);
  });
});
