import { describe, expect, it } from 'vitest';
import type { ChatResult, StreamEvent } from '../../../core/model.ts';
import { simulateStream } from '../../../streaming/simulate-stream.ts';
import { chunk, collect, payloads, source, start, usage } from './stream.fixtures.ts';

describe('encodeChatStream: legacy function calling', () => {
  const legacy = { legacyFunctions: true };

  it('streams the first call as delta.function_call, drops later calls and finishes with function_call', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'Checking' },
        { type: 'text-end', index: 0 },
        { type: 'tool-call-start', index: 1, id: 'call_01', name: 'lookup_order' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{"order_id":' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '"A17"}' },
        { type: 'tool-call-end', index: 1, arguments: { order_id: 'A17' } },
        { type: 'tool-call-start', index: 2, id: 'call_02', name: 'ping' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 2, arguments: {} },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
      legacy,
    );
    expect(payloads(frames)).toEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Checking' }),
      chunk({ function_call: { name: 'lookup_order', arguments: '' } }),
      chunk({ function_call: { arguments: '{"order_id":' } }),
      chunk({ function_call: { arguments: '"A17"}' } }),
      chunk({}, 'function_call'),
      '[DONE]',
    ]);
  });

  it('streams arguments whose fragments join into the original arguments', async () => {
    const toolArguments = { city: 'Saint-Étienne', days: [1, 2, 3], units: { temperature: 'celsius' } };
    const answer: ChatResult = {
      id: 'gw-1',
      servedModel: 'upstream',
      created: 1_760_000_000,
      content: [{ type: 'tool-call', id: 'call_1', name: 'forecast', arguments: toolArguments }],
      finishReason: { unified: 'tool-calls', raw: null },
      usage,
    };
    const chunks = payloads(await collect(simulateStream(answer), legacy)).slice(0, -1) as Array<{
      choices: Array<{ delta: { function_call?: { name?: string; arguments: string } } }>;
    }>;
    const fragments = chunks.flatMap((entry) => entry.choices[0]?.delta.function_call ?? []);
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments[0]).toEqual({ name: 'forecast', arguments: '' });
    expect(fragments.slice(1).every((fragment) => !('name' in fragment))).toBe(true);
    expect(JSON.parse(fragments.map((fragment) => fragment.arguments).join(''))).toEqual(toolArguments);
    for (const entry of chunks) expect(entry.choices[0]?.delta).not.toHaveProperty('tool_calls');
  });

  it('delivers "{}" for a legacy call whose arguments never streamed', async () => {
    const frames = await collect(
      source(
        start,
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'now' },
        { type: 'tool-call-end', index: 0, arguments: undefined },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: null }, usage },
      ),
      legacy,
    );
    expect(payloads(frames).slice(1, -1)).toEqual([
      chunk({ function_call: { name: 'now', arguments: '' } }),
      chunk({ function_call: { arguments: '{}' } }),
      chunk({}, 'function_call'),
    ]);
  });

  it('leaves a text-only stream unchanged', async () => {
    const events: StreamEvent[] = [
      start,
      { type: 'text-delta', index: 0, delta: 'Hi' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
    ];
    expect(await collect(source(...events), legacy)).toEqual(await collect(source(...events)));
  });
});
