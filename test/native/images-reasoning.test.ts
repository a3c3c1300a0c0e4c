import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { answerText, expectErrorStatus, send } from './client-protocols.ts';
import { lastUpstreamBody } from './upstream-bodies.ts';

// What the native routes take that the Models API cannot: images are forwarded as the route's
// own image parts, and reasoning settings are adapted to what each route accepts, with the
// adaptation named in x-sfgw-ignored-params.

let native: GatewayStack;
let models: GatewayStack;
beforeAll(async () => {
  native = await startGatewayStack({ settings: { UPSTREAM_API: 'native' } });
  models = await startGatewayStack({ settings: { UPSTREAM_API: 'models' } });
});
afterAll(async () => {
  await native?.close();
  await models?.close();
});
beforeEach(() => {
  native.simulator.reset();
  models.simulator.reset();
});

// a 1x1 PNG
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const imageChat = (model: string) => ({
  model,
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
      ],
    },
  ],
});

describe('images', () => {
  it('an OpenAI chat image reaches the Bedrock body as an image block', async () => {
    native.simulator.enqueueReplies('A single pixel.');
    const outcome = await send(native.url, 'chat', imageChat('claude-sonnet-4-6'));
    expect(outcome.response.status, JSON.stringify(outcome.json)).toBe(200);
    expect(answerText('chat', outcome)).toBe('A single pixel.');
    const body = lastUpstreamBody(native.simulator, 'invoke');
    const [message] = body.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    expect(message?.content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
    ]);
  });

  it('an Anthropic image block reaches Bedrock unchanged, streamed', async () => {
    native.simulator.enqueueReplies('A single pixel.');
    const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } };
    const outcome = await send(native.url, 'messages', {
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: [image, { type: 'text', text: 'What is this?' }] }],
    });
    expect(answerText('messages', outcome)).toBe('A single pixel.');
    const body = lastUpstreamBody(native.simulator, 'invoke-with-response-stream');
    const [message] = body.messages as Array<{ content: unknown[] }>;
    expect(message?.content[0]).toEqual(image);
  });

  it('a Responses input_image reaches /responses as an input_image', async () => {
    native.simulator.enqueueReplies('A single pixel.');
    const url = `data:image/png;base64,${png}`;
    const outcome = await send(native.url, 'responses', {
      model: 'gpt-5.4',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: url, detail: 'auto' },
          ],
        },
      ],
    });
    expect(answerText('responses', outcome)).toBe('A single pixel.');
    const input = lastUpstreamBody(native.simulator, 'responses').input as Array<{ content?: unknown[] }>;
    const parts = input.flatMap((item) => item.content ?? []);
    expect(parts).toContainEqual(expect.objectContaining({ type: 'input_image', image_url: url }));
  });

  it('the Models API still refuses an image with a clear 400 naming it', async () => {
    const outcome = await send(models.url, 'chat', imageChat('claude-sonnet-4-6'));
    const message = expectErrorStatus('chat', outcome, 400);
    expect(message).toMatch(/image/i);
    expect(message).toContain('messages[0].content[1]');
    expect(models.simulator.requests('chat-generations')).toHaveLength(0);
  });
});

describe('reasoning adaptations', () => {
  it('Anthropic thinking with a token budget reaches Bedrock as adaptive, and says so', async () => {
    native.simulator.enqueueReplies('Thought about it.');
    const outcome = await send(native.url, 'messages', {
      model: 'claude-opus-4-7',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Think, then answer.' }],
    });
    expect(outcome.response.status, JSON.stringify(outcome.json)).toBe(200);
    expect(answerText('messages', outcome)).toBe('Thought about it.');
    const body = lastUpstreamBody(native.simulator, 'invoke');
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(JSON.stringify(body)).not.toContain('budget_tokens');
    const named = String(outcome.response.headers.get('x-sfgw-ignored-params')).split(',');
    expect(named).toContain('thinking');
  });

  it.each([false, true])(
    "reasoning.effort 'max' reaches /responses as xhigh, and says so (stream: %s)",
    async (stream) => {
      native.simulator.enqueueReplies('Reasoned hard.');
      const outcome = await send(native.url, 'responses', {
        model: 'gpt-5.4',
        stream,
        reasoning: { effort: 'max' },
        input: 'Reason as hard as you can.',
      });
      expect(outcome.response.status, JSON.stringify(outcome.json)).toBe(200);
      expect(answerText('responses', outcome)).toBe('Reasoned hard.');
      const body = lastUpstreamBody(native.simulator, 'responses');
      expect(body.reasoning).toMatchObject({ effort: 'xhigh' });
      const named = String(outcome.response.headers.get('x-sfgw-ignored-params')).split(',');
      expect(named).toContain('reasoning.effort');
    },
  );
});
