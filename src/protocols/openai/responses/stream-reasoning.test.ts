import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { encodeResponse } from './encode.ts';
import { collect, echo, finish, ofType, source, start, types, usage } from './stream.fixtures.ts';

const reasoningAnswer: ChatResult = {
  id: 'gw-02',
  servedModel: 'upstream',
  created: 1_760_000_000,
  content: [
    { type: 'reasoning', text: 'The user wants a city.' },
    { type: 'text', text: 'Paris.' },
  ],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage,
};

describe('encodeResponse: reasoning', () => {
  it('answers reasoning as a reasoning item whose one summary is the text, before the message', () => {
    const { output } = encodeResponse(reasoningAnswer, 'my-model', echo);
    expect(output).toEqual([
      {
        type: 'reasoning',
        id: 'rs_gw-02_0',
        summary: [{ type: 'summary_text', text: 'The user wants a city.' }],
      },
      expect.objectContaining({ type: 'message', id: 'msg_gw-02_1' }),
    ]);
  });

  it('gives withheld reasoning an empty summary and its encrypted content', () => {
    const { output } = encodeResponse(
      { ...reasoningAnswer, content: [{ type: 'reasoning', text: '', redactedData: 'b3BhcXVl' }] },
      'my-model',
      echo,
    );
    expect(output).toEqual([
      { type: 'reasoning', id: 'rs_gw-02_0', summary: [], encrypted_content: 'b3BhcXVl' },
    ]);
  });
});

describe('encodeResponseStream: reasoning items', () => {
  it('streams reasoning as a summary part with text deltas, then the message', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'The user ' },
        { type: 'reasoning-delta', index: 0, delta: 'wants a city.' },
        { type: 'reasoning-end', index: 0, signature: 'c2ln' },
        { type: 'text-start', index: 1 },
        { type: 'text-delta', index: 1, delta: 'Paris.' },
        { type: 'text-end', index: 1 },
        finish(),
      ),
    );
    expect(types(frames).slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    const address = { item_id: 'rs_gw-02_0', output_index: 0, summary_index: 0 };
    expect(frames[2]).toMatchObject({
      output_index: 0,
      item: { type: 'reasoning', id: 'rs_gw-02_0', summary: [] },
    });
    expect(frames[3]).toMatchObject({ ...address, part: { type: 'summary_text', text: '' } });
    expect(frames[4]).toMatchObject({ ...address, delta: 'The user ' });
    expect(frames[6]).toMatchObject({ ...address, text: 'The user wants a city.' });
    expect(frames[7]).toMatchObject({
      ...address,
      part: { type: 'summary_text', text: 'The user wants a city.' },
    });
    expect(ofType(frames, 'response.output_item.added')[1]).toMatchObject({
      output_index: 1,
      item: { type: 'message', id: 'msg_gw-02_1' },
    });
  });

  it('streams empty reasoning as an item without a summary part, which avoids a client waiting on it', async () => {
    const frames = await collect(
      source(start, { type: 'reasoning-start', index: 0 }, { type: 'reasoning-end', index: 0 }, finish()),
    );
    expect(types(frames).slice(2, -1)).toEqual(['response.output_item.added', 'response.output_item.done']);
    expect(frames[3]).toMatchObject({ item: { type: 'reasoning', id: 'rs_gw-02_0', summary: [] } });
  });

  it('ends with the same output as the unstreamed answer, withheld reasoning included', async () => {
    const answer: ChatResult = {
      ...reasoningAnswer,
      content: [...reasoningAnswer.content, { type: 'reasoning', text: '', redactedData: 'b3BhcXVl' }],
    };
    const frames = await collect(simulateStream(answer));
    const completed = ofType(frames, 'response.completed')[0]?.response as { output: unknown };
    expect(completed.output).toEqual(encodeResponse(answer, 'my-model', echo).output);
  });
});

describe('an answer without reasoning to a request that asked for it', () => {
  const plainAnswer: ChatResult = { ...reasoningAnswer, content: [{ type: 'text', text: 'Paris.' }] };
  const toolAnswer: ChatResult = {
    ...reasoningAnswer,
    content: [{ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { city: 'Paris' } }],
    finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  };

  it('opens with an empty reasoning item, streamed or not, and the two agree', async () => {
    for (const answer of [plainAnswer, toolAnswer]) {
      const { output } = encodeResponse(answer, 'my-model', echo, true);
      expect(output[0]).toEqual({ type: 'reasoning', id: 'rs_gw-02_0', summary: [] });
      expect(output[1]).toMatchObject({ type: answer === toolAnswer ? 'function_call' : 'message' });
      const frames = await collect(simulateStream(answer), { reasoningAsked: true });
      expect(types(frames).slice(2, 4)).toEqual(['response.output_item.added', 'response.output_item.done']);
      expect(frames[3]).toMatchObject({ output_index: 0, item: { type: 'reasoning', summary: [] } });
      const completed = ofType(frames, 'response.completed')[0]?.response as { output: unknown };
      expect(completed.output).toEqual(output);
    }
  });

  it('opens an empty answer with it too, streamed as unstreamed', async () => {
    const empty: ChatResult = { ...reasoningAnswer, content: [{ type: 'text', text: '' }] };
    const { output } = encodeResponse(empty, 'my-model', echo, true);
    expect(output).toEqual([{ type: 'reasoning', id: 'rs_gw-02_0', summary: [] }]);
    const frames = await collect(simulateStream(empty), { reasoningAsked: true });
    const completed = ofType(frames, 'response.completed')[0]?.response as { output: unknown };
    expect(completed.output).toEqual(output);
  });

  it('adds nothing when the answer opens with its own reasoning, or when none was asked for', async () => {
    expect(encodeResponse(reasoningAnswer, 'my-model', echo, true).output).toEqual(
      encodeResponse(reasoningAnswer, 'my-model', echo).output,
    );
    const frames = await collect(simulateStream(reasoningAnswer), { reasoningAsked: true });
    expect(ofType(frames, 'response.output_item.added')).toHaveLength(2);
    expect(encodeResponse(plainAnswer, 'my-model', echo).output).toHaveLength(1);
  });
});
