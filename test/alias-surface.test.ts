import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyPatchBodies } from '../src/emulation/tools/apply-patch.fixtures.ts';
import { renderFreeformCall } from '../src/emulation/tools/envelope.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// Per-alias surfaces and emulated freeform tools on the native surface, over real sockets: the
// official SDK, the gateway and the simulator serving both Salesforce surfaces.

const sonnet = 'sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet';
const patch = applyPatchBodies['CRLF line endings'] ?? '';
const tools: OpenAI.Responses.Tool[] = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object' }, strict: false },
  { type: 'custom', name: 'apply_patch', description: 'Edit files.', format: { type: 'text' } },
];

describe('MODEL_ALIASES with a surface, UPSTREAM_API=models', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({
      settings: {
        UPSTREAM_API: 'models',
        MODEL_ALIASES: JSON.stringify({
          'fast-claude': { model: sonnet, surface: 'native' },
          'gpt-4o': 'sfdc_ai__DefaultGPT4Omni',
        }),
      },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.simulator.reset());

  it('serves the alias on the native surface and every other name on the Models API', async () => {
    stack.simulator.enqueueReplies('native answer', 'models answer', 'gpt answer');
    const ask = (model: string) =>
      stack.openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    expect((await ask('fast-claude')).choices[0]?.message.content).toBe('native answer');
    expect((await ask(sonnet)).choices[0]?.message.content).toBe('models answer');
    expect((await ask('gpt-4o')).choices[0]?.message.content).toBe('gpt answer');
    expect(stack.simulator.counters()).toMatchObject({ nativeRequests: 1, chatGenerations: 2 });
    expect(stack.simulator.requests('invoke')[0]?.url).toContain(sonnet);
  });

  it('lists the alias exactly like the others, with no surface field', async () => {
    const listed = await stack.openai.models.list();
    const alias = listed.data.find((model) => model.id === 'fast-claude');
    const plain = listed.data.find((model) => model.id === 'gpt-4o');
    expect(alias).toBeDefined();
    expect(Object.keys(alias ?? {}).sort()).toEqual(Object.keys(plain ?? {}).sort());
  });
});

describe.each(['native', 'auto'])('a freeform tool on Claude with UPSTREAM_API=%s', (surface) => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({ settings: { UPSTREAM_API: surface } });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.simulator.reset());

  it('is emulated on the native route: a custom_tool_call with the patch, byte for byte', async () => {
    stack.simulator.enqueueReplies(renderFreeformCall({ name: 'apply_patch', input: patch }));
    const response = await stack.openai.responses.create({
      model: 'claude-sonnet-4-5',
      input: 'Fix it.',
      tools,
    });
    expect(response.output).toMatchObject([{ type: 'custom_tool_call', name: 'apply_patch', input: patch }]);
    const [sent] = stack.simulator.requests('invoke');
    expect(sent?.body).not.toHaveProperty('tools');
    expect(JSON.stringify(sent?.body)).toContain('apply_patch');
    expect(stack.simulator.counters()).toMatchObject({ nativeRequests: 1, chatGenerations: 0 });
  });

  it('streams the emulated answer from the whole answer', async () => {
    stack.simulator.enqueueReplies(renderFreeformCall({ name: 'apply_patch', input: patch }));
    const stream = await stack.openai.responses.create({
      model: 'claude-sonnet-4-5',
      input: 'Fix it.',
      tools,
      stream: true,
    });
    let deltas = '';
    for await (const event of stream) {
      if (event.type === 'response.custom_tool_call_input.delta') deltas += event.delta;
    }
    expect(deltas).toBe(patch);
    expect(stack.simulator.requests('invoke')).toHaveLength(1);
    expect(stack.simulator.requests('invoke-with-response-stream')).toHaveLength(0);
  });
});
