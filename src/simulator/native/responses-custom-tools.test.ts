import { describe, expect, it } from 'vitest';
import { buildToolInstructions } from '../../emulation/tools/tool-prompt.ts';
import { freeformInputBegin, freeformInputEnd } from '../freeform-input.ts';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import { postNative, readSse } from './native-client.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const gpt = 'sfdc_ai__DefaultGPT54';
const patchTool = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Edit files with a patch.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/s' },
};
const shellTool = { type: 'function', name: 'exec_command', parameters: { type: 'object' } };
// Quotes, backslashes, tags and a trailing space: nothing in it may be re-encoded on the way.
const patch = '*** Begin Patch\n*** Add File: a.json\n+{"x": "<b>\\\\n</b>"} \n*** End Patch';
const prompt = `Use apply_patch.\n${freeformInputBegin}\n${patch}\n${freeformInputEnd}`;

async function respond(body: Record<string, unknown>) {
  return postNative(simulator, '/responses', { token, body: { model: gpt, ...body } });
}

describe('custom (freeform) tools on POST /responses', () => {
  it('answers a custom_tool_call item whose input is the marked text, byte for byte', async () => {
    const body = await readJson(await respond({ input: prompt, tools: [shellTool, patchTool] }));
    expect(body.output).toEqual([
      {
        id: expect.stringMatching(/^ctc_/),
        type: 'custom_tool_call',
        status: 'completed',
        call_id: expect.stringMatching(/^call_/),
        name: 'apply_patch',
        input: patch,
      },
    ]);
  });

  it('streams the input as custom_tool_call_input deltas, then .done with the whole input', async () => {
    const response = await respond({ input: prompt, tools: [patchTool], stream: true });
    const events = readSse(await response.text()).map((event) => JSON.parse(event.data));
    const types = events.map((event) => event.type);
    const added = events.find((event) => event.type === 'response.output_item.added');
    expect(added.item).toMatchObject({ type: 'custom_tool_call', input: '', status: 'in_progress' });
    const deltas = events.filter((event) => event.type === 'response.custom_tool_call_input.delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((event) => event.delta).join('')).toBe(patch);
    expect(deltas[0]).toMatchObject({ item_id: added.item.id, output_index: 0 });
    const done = types.indexOf('response.custom_tool_call_input.done');
    expect(events[done]).toMatchObject({ input: patch, item_id: added.item.id, output_index: 0 });
    expect(types.slice(done + 1)).toEqual(['response.output_item.done', 'response.completed']);
    expect(events.at(-1).response.output[0]).toMatchObject({ type: 'custom_tool_call', input: patch });
  });

  it('calls the custom tool a tool_choice names, with placeholder input when none is marked', async () => {
    const choice = { type: 'custom', name: 'apply_patch' };
    const body = await readJson(
      await respond({ input: 'Fix it.', tools: [shellTool, patchTool], tool_choice: choice }),
    );
    expect(body.output).toMatchObject([
      { type: 'custom_tool_call', name: 'apply_patch', input: 'example input' },
    ]);
  });

  it('reads custom_tool_call and custom_tool_call_output items back as the gateway envelope', async () => {
    const input = [
      { role: 'user', content: prompt },
      { type: 'custom_tool_call', call_id: 'call_p1', name: 'apply_patch', input: patch },
      { type: 'custom_tool_call_output', call_id: 'call_p1', output: 'Done!' },
    ];
    const body = await readJson(await respond({ input, tools: [patchTool] }));
    expect(body.output).toMatchObject([
      {
        type: 'message',
        content: [{ type: 'output_text', text: expect.stringMatching(/apply_patch: Done!/) }],
      },
    ]);
  });

  it('answers a scripted call to a custom tool as a custom_tool_call with its raw text', async () => {
    simulator.enqueueReplies({ text: '', toolCalls: [{ name: 'apply_patch', arguments: patch }] });
    const body = await readJson(await respond({ input: 'Go.', tools: [patchTool] }));
    expect(body.output).toMatchObject([{ type: 'custom_tool_call', name: 'apply_patch', input: patch }]);
  });

  it('refuses a custom tool whose grammar has an unknown syntax, naming the format', async () => {
    const bad = { ...patchTool, format: { type: 'grammar', syntax: 'ebnf', definition: 'x' } };
    const response = await respond({ input: 'Go.', tools: [shellTool, bad] });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error).toMatchObject({ param: 'tools[1].format' });
  });
});

describe('tools listed only in the prompt (the gateway emulating them) on a native route', () => {
  it('answers on Bedrock as on the Models API: the freeform call written as a <tool_input> block', async () => {
    const tool = { name: 'apply_patch', parameters: {}, freeform: { type: 'text' as const } };
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 256,
      system: buildToolInstructions([tool], { type: 'auto' }, true),
      messages: [{ role: 'user', content: prompt }],
    };
    const path = '/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke';
    const answer = await readJson(await postNative(simulator, path, { token, body }));
    expect(answer.content).toEqual([
      { type: 'text', text: `<tool_input name="apply_patch">\n${patch}\n</tool_input>` },
    ]);
    expect(answer.stop_reason).toBe('end_turn');
  });
});
