import { describe, expect, it } from 'vitest';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import {
  decodeFrames,
  frameHeaders,
  postNative,
  readBytes,
  readChunkEvent,
} from './native-client.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const sonnet = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const invokePath = `/model/${sonnet}/invoke`;
const streamPath = `/model/${sonnet}/invoke-with-response-stream`;

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function bedrockBody(content: unknown, extra: Record<string, unknown> = {}) {
  return {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 256,
    messages: [{ role: 'user', content }],
    ...extra,
  };
}

async function streamEvents(body: unknown, path = streamPath) {
  const response = await postNative(simulator, path, { token, body });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
  return decodeFrames(await readBytes(response));
}

describe('POST /model/{alias}/invoke', () => {
  it('answers an Anthropic Message with a msg_bdrk_ id and the Anthropic model name', async () => {
    const body = await readJson(
      await postNative(simulator, invokePath, { token, body: bedrockBody('Hello') }),
    );
    expect(body.id).toMatch(/^msg_bdrk_[0-9a-f]{24}$/);
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text: 'Simulated reply to: Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(body.usage.input_tokens).toBeGreaterThan(0);
  });

  it('calls a native tool and reads the tool_result turn the way the Models API engine does', async () => {
    const ask = bedrockBody('What is the weather in city=Paris?', { tools: [weatherTool] });
    const call = await readJson(await postNative(simulator, invokePath, { token, body: ask }));
    expect(call.stop_reason).toBe('tool_use');
    expect(call.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_bdrk_/),
        name: 'get_weather',
        input: { city: 'Paris' },
      },
    ]);
    const toolUse = call.content[0];
    const followUp = {
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: call.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'sunny, 21C' }] },
      ],
    };
    const answer = await readJson(await postNative(simulator, invokePath, { token, body: followUp }));
    expect(answer.stop_reason).toBe('end_turn');
    expect(answer.content[0].text).toBe('Based on the tool results: get_weather: sunny, 21C');
  });

  it('plays queued replies with tool calls and the scenario markers', async () => {
    simulator.enqueueReplies({
      text: 'Checking.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    });
    const queued = await readJson(
      await postNative(simulator, invokePath, { token, body: bedrockBody('hi', { tools: [weatherTool] }) }),
    );
    expect(queued.content.map((block: { type: string }) => block.type)).toEqual(['text', 'tool_use']);
    const marked = bedrockBody('weather please #tool-shape=unknown-tool', { tools: [weatherTool] });
    const unknown = await readJson(await postNative(simulator, invokePath, { token, body: marked }));
    expect(unknown.content[0].name).toBe('unknown_tool');
  });

  it('takes images and repeats a mark for each, and records the request', async () => {
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    };
    const content = [{ type: 'text', text: 'Describe' }, image];
    const body = await readJson(
      await postNative(simulator, invokePath, { token, body: bedrockBody(content) }),
    );
    expect(body.content[0].text).toBe('Simulated reply to: Describe [image]');
    const [recorded] = simulator.requests('invoke');
    expect(recorded?.url).toBe(`/ai/gpt/v1${invokePath}`);
    expect(recorded?.body).toEqual(bedrockBody(content));
    expect(recorded?.headers['x-sfdc-app-context']).toBe('EinsteinGPT');
  });

  it('thinks first when thinking is asked for', async () => {
    const ask = bedrockBody('Why?', { thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
    const body = await readJson(await postNative(simulator, invokePath, { token, body: ask }));
    expect(body.content[0]).toEqual({
      type: 'thinking',
      thinking: expect.any(String),
      signature: expect.any(String),
    });
    expect(body.content[1]).toEqual({ type: 'text', text: 'Simulated reply to: Why?' });
  });
});

describe('POST /model/{alias}/invoke-with-response-stream', () => {
  it('streams CRC-valid chunk frames with base64 Anthropic events, padding and invocation metrics', async () => {
    const frames = await streamEvents(bedrockBody('Hello there'));
    for (const frame of frames) {
      expect(frameHeaders(frame)).toEqual([
        [':event-type', 'chunk'],
        [':content-type', 'application/json'],
        [':message-type', 'event'],
      ]);
      expect(JSON.parse(Buffer.from(frame.body).toString()).p).toMatch(/^[a-zA-Z0-9]+$/);
    }
    const events = frames.map(readChunkEvent);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      ...Array(5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0].message.id).toMatch(/^msg_bdrk_/);
    const text = events
      .filter((event) => event.delta?.type === 'text_delta')
      .map((event) => event.delta.text);
    expect(text.join('')).toBe('Simulated reply to: Hello there');
    expect(events[8].delta.stop_reason).toBe('end_turn');
    expect(events[9]['amazon-bedrock-invocationMetrics']).toMatchObject({
      inputTokenCount: expect.any(Number),
      outputTokenCount: expect.any(Number),
    });
  });

  it('leaves out padding and metrics, and shuffles headers, when told', async () => {
    simulator.setNativeSettings({
      framePadding: false,
      invocationMetrics: false,
      shuffleFrameHeaders: true,
      splitSeed: 7,
    });
    const frames = await streamEvents(bedrockBody('Hello'));
    expect(frames.every((frame) => !('p' in JSON.parse(Buffer.from(frame.body).toString())))).toBe(true);
    expect(readChunkEvent(frames.at(-1) as never)).toEqual({ type: 'message_stop' });
    const orders = new Set(
      frames.map((frame) =>
        frameHeaders(frame)
          .map(([name]) => name)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('streams a tool call as content_block_start and input_json_delta fragments', async () => {
    const events = (await streamEvents(bedrockBody('weather city=Rome', { tools: [weatherTool] }))).map(
      readChunkEvent,
    );
    const start = events.find((event) => event.type === 'content_block_start');
    expect(start.content_block).toMatchObject({ type: 'tool_use', name: 'get_weather', input: {} });
    const fragments = events.filter((event) => event.delta?.type === 'input_json_delta');
    expect(fragments.length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.map((event) => event.delta.partial_json).join(''))).toEqual({ city: 'Rome' });
    expect(events.find((event) => event.type === 'message_delta').delta.stop_reason).toBe('tool_use');
  });

  it('streams thinking_delta and signature_delta before the text', async () => {
    const ask = bedrockBody('Why?', { thinking: { type: 'enabled', budget_tokens: 1024 } });
    const events = (await streamEvents(ask)).map(readChunkEvent);
    const deltaTypes = [
      ...new Set(events.filter((event) => event.delta?.type).map((event) => event.delta.type)),
    ];
    expect(deltaTypes).toEqual(['thinking_delta', 'signature_delta', 'text_delta']);
  });
});

describe('Bedrock rejections', () => {
  it.each([
    ['no anthropic_version', { max_tokens: 5, messages: [] }, 400],
    ['no max_tokens', { anthropic_version: 'bedrock-2023-05-31', messages: [] }, 400],
    [
      'temperature while thinking',
      bedrockBody('x', { thinking: { type: 'adaptive' }, temperature: 0.2 }),
      400,
    ],
    [
      'top_k while thinking',
      bedrockBody('x', { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 5 }),
      400,
    ],
    [
      'thinking blocks in history',
      {
        ...bedrockBody('x'),
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hm', signature: 's' },
              { type: 'text', text: 'b' },
            ],
          },
          { role: 'user', content: 'c' },
        ],
      },
      502,
    ],
  ])('rejects %s', async (_label, body, status) => {
    const response = await postNative(simulator, invokePath, { token, body });
    expect(response.status).toBe(status);
    expect(typeof (await readJson(response)).message).toBe('string');
  });

  it('answers enabled thinking on an adaptive-only model with Anthropic wording', async () => {
    const path = '/model/sfdc_ai__DefaultBedrockAnthropicClaude47Opus/invoke';
    const body = bedrockBody('x', { thinking: { type: 'enabled', budget_tokens: 1024 } });
    const response = await postNative(simulator, path, { token, body });
    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toContain('thinking.type.adaptive');
  });

  it('answers anthropic_beta on an older alias with 502, unless the toggle is off', async () => {
    const path = '/model/sfdc_ai__DefaultBedrockAnthropicClaude37Sonnet/invoke';
    const body = bedrockBody('x', { anthropic_beta: ['interleaved-thinking-2025-05-14'] });
    const rejected = await postNative(simulator, path, { token, body });
    expect([rejected.status, (await readJson(rejected)).message]).toEqual([
      502,
      'No user context has been created!',
    ]);
    simulator.setNativeSettings({ rejectBetaOnOldModels: false });
    expect((await postNative(simulator, path, { token, body })).status).toBe(200);
  });

  it('accepts thinking blocks in history when that rejection is off, and model/stream unless strict', async () => {
    simulator.setNativeSettings({ rejectThinkingHistory: false });
    const history = {
      ...bedrockBody('x'),
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'zz' }] },
        { role: 'user', content: 'c' },
      ],
    };
    expect((await postNative(simulator, invokePath, { token, body: history })).status).toBe(200);
    const withModel = bedrockBody('x', { model: sonnet, stream: false });
    expect((await postNative(simulator, invokePath, { token, body: withModel })).status).toBe(200);
    simulator.setNativeSettings({ strictBedrockBody: true });
    expect((await postNative(simulator, invokePath, { token, body: withModel })).status).toBe(400);
  });
});
