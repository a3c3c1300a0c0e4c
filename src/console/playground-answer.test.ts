import { describe, expect, it } from 'vitest';
import { applyStreamEvent, emptyAnswer, readWholeAnswer } from './playground-answer.ts';

describe('applyStreamEvent', () => {
  it('gathers OpenAI text and tool-call fragments by index', () => {
    const chunks = [
      { choices: [{ delta: { content: 'Hel' } }] },
      { choices: [{ delta: { content: 'lo' } }] },
      {
        choices: [
          { delta: { tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '{"ci' } }] } },
        ],
      },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'ty":"Oslo"}' } }] } }] },
      { choices: [], usage: { prompt_tokens: 3 } },
    ];
    const answer = chunks.reduce(
      (gathered, chunk) => applyStreamEvent(gathered, 'openai', chunk),
      emptyAnswer(),
    );
    expect(answer).toEqual({
      text: 'Hello',
      toolCalls: [{ index: 0, name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      error: null,
    });
  });

  it('gathers Anthropic text and tool input by content block, and keeps an error event', () => {
    const events = [
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Looking' } },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', name: 'get_weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ];
    const answer = events.reduce(
      (gathered, event) => applyStreamEvent(gathered, 'anthropic', event),
      emptyAnswer(),
    );
    expect(answer).toEqual({
      text: 'Looking',
      toolCalls: [{ index: 1, name: 'get_weather', arguments: '{"city":"Paris"}' }],
      error: 'Overloaded',
    });
  });
});

describe('readWholeAnswer', () => {
  it('reads an OpenAI completion with tool calls', () => {
    const body = {
      choices: [
        { message: { content: null, tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] } },
      ],
    };
    expect(readWholeAnswer('openai', body)).toEqual({
      text: '',
      toolCalls: [{ index: 0, name: 'f', arguments: '{"a":1}' }],
      error: null,
    });
  });

  it('reads an Anthropic message with text and tool_use blocks, and an error body', () => {
    const body = {
      content: [
        { type: 'text', text: 'Hi' },
        { type: 'tool_use', name: 'f', input: { a: 1 } },
      ],
    };
    expect(readWholeAnswer('anthropic', body)).toEqual({
      text: 'Hi',
      toolCalls: [{ index: 1, name: 'f', arguments: '{"a":1}' }],
      error: null,
    });
    expect(readWholeAnswer('anthropic', { type: 'error', error: { message: 'bad' } }).error).toBe('bad');
  });
});
