import type OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { applyPatchBodies, applyPatchGrammar } from '../src/emulation/tools/apply-patch.fixtures.ts';
import { describeEachSurface, expectAppHeaders } from './support/each-surface.ts';
import { bedrockText, type NativeResponsesBody } from './support/native-bodies.ts';

// Custom (freeform) tools end to end, as Codex CLI uses apply_patch: the official SDK on both
// OpenAI APIs, the gateway, and the simulator's fake model writing the call. On the Models API the
// gateway emulates the tool through the prompt; on the native surface a GPT model gets it as a real
// `custom` tool on /responses, and a Claude model gets it emulated through the prompt on Bedrock.

const patch = applyPatchBodies['a file that holds JSON and the envelope tags'] ?? '';
const prompt = `Create the docs with apply_patch.\n#tool-input-begin\n${patch}\n#tool-input-end`;
const description = 'Edit files with a patch.';
const grammar = { type: 'grammar', syntax: 'lark', definition: applyPatchGrammar } as const;

const responsesTools: OpenAI.Responses.Tool[] = [
  {
    type: 'function',
    name: 'exec_command',
    parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
    strict: false,
  },
  {
    type: 'custom',
    name: 'apply_patch',
    description,
    format: grammar,
  },
];
const chatTools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'exec_command',
      parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
    },
  },
  { type: 'custom', custom: { name: 'apply_patch', description, format: { type: 'text' } } },
];
const grammarTool = { type: 'custom', name: 'apply_patch', description, format: grammar };
const textTool = { type: 'custom', name: 'apply_patch', description, format: { type: 'text' } };

describeEachSurface('custom tools', (suite) => {
  const { surface } = suite;
  const simulator = () => suite.stack.simulator;

  /** Every message the gateway sent the Models API in its last call, as one text. */
  function upstreamPrompt(): string {
    const body = simulator().requests('chat-generations').at(-1)?.body as
      | { messages: Array<{ content: string }> }
      | undefined;
    return (body?.messages ?? []).map((message) => message.content).join('\n');
  }

  /** The last native /responses request: it went there, with the app headers, and no emulation. */
  function sentToResponses(): NativeResponsesBody {
    const request = simulator().requests('responses').at(-1);
    expectAppHeaders(request);
    const body = request?.body as NativeResponsesBody;
    expect(JSON.stringify(body.input)).not.toContain('<tools>');
    return body;
  }

  /** Asks a model for the patch with the Responses tools; its first output item, the custom tool call. */
  async function askForThePatch(model: string): Promise<OpenAI.Responses.ResponseCustomToolCall> {
    const first = await suite.stack.openai.responses.create({ model, input: prompt, tools: responsesTools });
    return first.output[0] as OpenAI.Responses.ResponseCustomToolCall;
  }

  /** The next turn's input: the prompt, the call, and its output 'Done!'. */
  function answeredCall(call: OpenAI.Responses.ResponseCustomToolCall): ResponseInputItem[] {
    return [
      { role: 'user', content: prompt },
      { type: 'custom_tool_call', call_id: call.call_id, name: call.name, input: call.input },
      { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' },
    ];
  }

  describe('on the Responses API', () => {
    it('answers with a custom_tool_call whose input is the patch, byte for byte, and reports nothing ignored', async () => {
      const { data, response } = await suite.stack.openai.responses
        .create({ model: 'gpt-4o-mini', input: prompt, tools: responsesTools })
        .withResponse();
      expect(data.output).toEqual([
        {
          type: 'custom_tool_call',
          id: expect.stringMatching(/^ctc_/),
          call_id: expect.stringMatching(/^call_/),
          name: 'apply_patch',
          input: patch,
          status: 'completed',
        },
      ]);
      expect(response.headers.get('x-sfgw-ignored-params') ?? '').not.toContain('custom');
      if (surface === 'models') expect(upstreamPrompt()).toContain(applyPatchGrammar.split('\n')[0]);
      else
        expect(sentToResponses().tools).toEqual([expect.objectContaining({ type: 'function' }), grammarTool]);
    });

    it('streams the input as custom_tool_call_input deltas between output_item.added and .done', async () => {
      const stream = await suite.stack.openai.responses.create({
        model: 'gpt-4o-mini',
        input: prompt,
        tools: responsesTools,
        stream: true,
      });
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      for await (const event of stream) events.push(event);
      const types = events
        .map((event) => event.type)
        .filter((type) => type.includes('item') || type.includes('custom'));
      expect(types[0]).toBe('response.output_item.added');
      expect(types.at(-2)).toBe('response.custom_tool_call_input.done');
      expect(types.at(-1)).toBe('response.output_item.done');
      const deltas = events.flatMap((event) =>
        event.type === 'response.custom_tool_call_input.delta' ? [event.delta] : [],
      );
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe(patch);
      const done = events.find((event) => event.type === 'response.custom_tool_call_input.done');
      expect(done).toMatchObject({ input: patch, output_index: 0, item_id: expect.stringMatching(/^ctc_/) });
      const completed = events.at(-1);
      expect(completed?.type).toBe('response.completed');
      if (completed?.type === 'response.completed')
        expect(completed.response.output[0]).toMatchObject({ type: 'custom_tool_call', input: patch });
      if (surface === 'native')
        expect(sentToResponses()).toMatchObject({ stream: true, tools: [{}, grammarTool] });
    });

    it('takes the call and its output back as input items, rendered in the same envelope', async () => {
      const call = await askForThePatch('gpt-4o-mini');
      const second = await suite.stack.openai.responses.create({
        model: 'gpt-4o-mini',
        input: answeredCall(call),
        tools: responsesTools,
      });
      expect(second.output[0]?.type).toBe('message');
      if (surface === 'models') {
        const sent = upstreamPrompt();
        expect(sent).toContain(
          `<tool_input name="apply_patch" id="${call.call_id}">\n${patch}\n</tool_input>`,
        );
        expect(sent).toContain(`"call_id":"${call.call_id}","name":"apply_patch","content":"Done!"`);
      } else {
        expect(sentToResponses().input.slice(1)).toEqual([
          { type: 'custom_tool_call', call_id: call.call_id, name: 'apply_patch', input: patch },
          { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' },
        ]);
      }
    });

    it('honours tool_choice naming the custom tool', async () => {
      const response = await suite.stack.openai.responses.create({
        model: 'gpt-4o-mini',
        input: 'Run the tests.',
        tools: responsesTools,
        tool_choice: { type: 'custom', name: 'apply_patch' },
      });
      expect(response.output[0]).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch' });
      expect(response.tool_choice).toEqual({ type: 'custom', name: 'apply_patch' });
      if (surface === 'models') expect(upstreamPrompt()).toContain('you must call the tool "apply_patch".');
      else expect(sentToResponses().tool_choice).toEqual({ type: 'custom', name: 'apply_patch' });
    });
  });

  describe('on Chat Completions', () => {
    it('answers with a custom tool call whose input is the patch, byte for byte', async () => {
      const completion = await suite.stack.openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: prompt }],
        tools: chatTools,
      });
      const choice = completion.choices[0];
      expect(choice?.finish_reason).toBe('tool_calls');
      expect(choice?.message.tool_calls).toEqual([
        {
          id: expect.stringMatching(/^call_/),
          type: 'custom',
          custom: { name: 'apply_patch', input: patch },
        },
      ]);
      if (surface === 'native') expect(sentToResponses().tools).toEqual([expect.anything(), textTool]);
    });

    it('streams the call as custom deltas that add up to the patch', async () => {
      const stream = await suite.stack.openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: prompt }],
        tools: chatTools,
        stream: true,
      });
      const toolDeltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
      for await (const chunk of stream) toolDeltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      expect(toolDeltas[0]).toMatchObject({
        index: 0,
        type: 'custom',
        id: expect.stringMatching(/^call_/),
        custom: { name: 'apply_patch' },
      });
      expect(toolDeltas.length).toBeGreaterThan(2);
      expect(toolDeltas.map((delta) => delta.custom?.input ?? '').join('')).toBe(patch);
      expect(toolDeltas.every((delta) => delta.function === undefined)).toBe(true);
      if (surface === 'native')
        expect(sentToResponses()).toMatchObject({ stream: true, tools: [{}, textTool] });
    });

    it('takes the assistant custom call and the tool message back, and honours a named custom tool_choice', async () => {
      const first = await suite.stack.openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Fix it.' }],
        tools: chatTools,
        tool_choice: { type: 'custom', custom: { name: 'apply_patch' } },
      });
      const call = first.choices[0]?.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageCustomToolCall;
      expect(call).toMatchObject({ type: 'custom', custom: { name: 'apply_patch', input: 'example input' } });
      if (surface === 'models') expect(upstreamPrompt()).toContain('you must call the tool "apply_patch".');
      else expect(sentToResponses().tool_choice).toEqual({ type: 'custom', name: 'apply_patch' });
      const second = await suite.stack.openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: prompt },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_p1', type: 'custom', custom: { name: 'apply_patch', input: patch } }],
          },
          { role: 'tool', tool_call_id: 'call_p1', content: 'Done!' },
        ],
        tools: chatTools,
      });
      expect(second.choices[0]?.finish_reason).toBe('stop');
      if (surface === 'models') {
        const sent = upstreamPrompt();
        expect(sent).toContain(`<tool_input name="apply_patch" id="call_p1">\n${patch}\n</tool_input>`);
        expect(sent).toContain('"call_id":"call_p1","name":"apply_patch","content":"Done!"');
      } else {
        expect(sentToResponses().input.slice(1)).toEqual([
          { type: 'custom_tool_call', call_id: 'call_p1', name: 'apply_patch', input: patch },
          { type: 'custom_tool_call_output', call_id: 'call_p1', output: 'Done!' },
        ]);
      }
    });
  });

  describe('on a Claude model, which takes no custom tool natively', () => {
    /** What the gateway sent upstream in its last call: the Models API prompt, or the Bedrock body's
     * text. An emulated answer is read whole (its envelope needs the whole text), so even a streamed
     * request goes to the non-streaming invoke route, and is replayed to the client as a stream. */
    function emulatedPrompt(): string {
      if (surface === 'models') return upstreamPrompt();
      expect(simulator().requests('invoke-with-response-stream')).toEqual([]);
      const request = simulator().requests('invoke').at(-1);
      expectAppHeaders(request);
      expect(request?.body).not.toHaveProperty('tools');
      expect(simulator().requests('responses')).toEqual([]);
      return bedrockText(request?.body);
    }

    it('emulates the tool through the prompt and answers the call with the patch, byte for byte', async () => {
      const call = await askForThePatch('claude-sonnet-4-5');
      expect(call).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: patch });
      expect(emulatedPrompt()).toContain(applyPatchGrammar.split('\n')[0]);
      await suite.stack.openai.responses.create({
        model: 'claude-sonnet-4-5',
        input: answeredCall(call),
        tools: responsesTools,
      });
      const sent = emulatedPrompt();
      expect(sent).toContain(`<tool_input name="apply_patch" id="${call.call_id}">\n${patch}\n</tool_input>`);
      expect(sent).toContain(`"call_id":"${call.call_id}","name":"apply_patch","content":"Done!"`);
    });

    it('streams the emulated call as custom_tool_call_input deltas that add up to the patch', async () => {
      const stream = await suite.stack.openai.responses.create({
        model: 'claude-sonnet-4-5',
        input: prompt,
        tools: responsesTools,
        stream: true,
      });
      let deltas = '';
      let done: OpenAI.Responses.ResponseOutputItem | undefined;
      for await (const event of stream) {
        if (event.type === 'response.custom_tool_call_input.delta') deltas += event.delta;
        if (event.type === 'response.output_item.done') done = event.item;
      }
      expect(deltas).toBe(patch);
      expect(done).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: patch });
      expect(emulatedPrompt()).toContain(applyPatchGrammar.split('\n')[0]);
    });
  });
});
