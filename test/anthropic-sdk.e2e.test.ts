import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, expect, it } from 'vitest';
import { describeEachSurface, expectAppHeaders, upstreamChatCalls } from './support/each-surface.ts';

const lookupTool: Anthropic.Tool = {
  name: 'lookup_order',
  description: 'Find an order by id',
  input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
};

describeEachSurface(
  'the official @anthropic-ai/sdk against gateway + simulator',
  (suite) => {
    const { surface } = suite;
    let client: Anthropic;
    beforeAll(() => {
      client = new Anthropic({ baseURL: suite.stack.url, apiKey: 'test-key', maxRetries: 0 });
    });

    it('messages.create returns a message with text, end_turn and usage', async () => {
      suite.stack.simulator.enqueueReplies('Hello from Salesforce.');
      const message = await client.messages.create({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 1024,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Say hello' }],
      });
      expect(message.id).toMatch(/^msg_/);
      expect(message.type).toBe('message');
      expect(message.content).toEqual([{ type: 'text', text: 'Hello from Salesforce.' }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.input_tokens).toBeGreaterThan(0);
      expect(message.usage.output_tokens).toBeGreaterThan(0);
      if (surface === 'models') {
        const sent = suite.stack.simulator.requests('chat-generations').at(-1);
        expect(sent?.url).toContain(
          '/models/sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet/chat-generations',
        );
      } else {
        // Claude goes to the Bedrock-style invoke route, in the Bedrock flavour of the Messages API.
        const sent = suite.stack.simulator.requests('invoke').at(-1);
        expect(sent?.url).toBe('/ai/gpt/v1/model/sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet/invoke');
        expectAppHeaders(sent);
        expect(sent?.body).toMatchObject({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 1024,
          system: 'Be brief.',
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }],
        });
      }
    });

    it('messages.stream().finalMessage() equals the non-streaming result', async () => {
      const request = {
        model: 'claude-haiku-4-5',
        max_tokens: 512,
        messages: [{ role: 'user' as const, content: 'Tell me about order_id=Z9' }],
      };
      const whole = await client.messages.create(request);
      const streamed = await client.messages.stream(request).finalMessage();
      expect(streamed.content).toEqual(whole.content);
      expect(streamed.stop_reason).toBe(whole.stop_reason);
      expect(streamed.usage.output_tokens).toBe(whole.usage.output_tokens);
      expect(streamed.usage.input_tokens).toBe(whole.usage.input_tokens);
    });

    it('runs a tool_use then tool_result loop to a final answer', async () => {
      const messages: Anthropic.MessageParam[] = [
        { role: 'user', content: 'Where is my order? order_id=A17' },
      ];
      // each turn sends the conversation so far, with the tool
      const ask = () =>
        client.messages.create({
          model: 'claude-opus-4-1',
          max_tokens: 1024,
          messages,
          tools: [lookupTool],
        });
      const first = await ask();
      expect(first.stop_reason).toBe('tool_use');
      const toolUse = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
      expect(toolUse).toMatchObject({ name: 'lookup_order', input: { order_id: 'A17' } });
      messages.push(
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Shipped on 3 May' }],
        },
      );
      const final = await ask();
      expect(final.stop_reason).toBe('end_turn');
      const text = final.content.find((block) => block.type === 'text') as Anthropic.TextBlock;
      expect(text.text).toContain('Shipped on 3 May');
    });

    it('streams a tool_use block whose input the SDK assembles', async () => {
      const final = await client.messages
        .stream({
          model: 'claude-sonnet-4-5',
          max_tokens: 1024,
          messages: [{ role: 'user', content: 'Look up order_id=Q1' }],
          tools: [lookupTool],
        })
        .finalMessage();
      expect(final.stop_reason).toBe('tool_use');
      expect(final.content.find((block) => block.type === 'tool_use')).toMatchObject({
        input: { order_id: 'Q1' },
      });
    });

    it('count_tokens counts system, messages and tools', async () => {
      const base = {
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user' as const, content: 'Hello there' }],
      };
      const plain = await client.messages.countTokens(base);
      const withSystem = await client.messages.countTokens({
        ...base,
        system: 'You are a careful assistant. '.repeat(20),
      });
      const withTools = await client.messages.countTokens({ ...base, tools: [lookupTool] });
      expect(plain.input_tokens).toBeGreaterThan(0);
      expect(withSystem.input_tokens).toBeGreaterThan(plain.input_tokens + 80);
      expect(withTools.input_tokens).toBeGreaterThan(plain.input_tokens + 20);
      expect(upstreamChatCalls(suite.stack.simulator, surface)).toBe(0);
    });

    it('answers errors in the Anthropic shape with a request-id', async () => {
      const missingModel = await client.messages
        .create({ model: 'gpt-unknown', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
        .catch((error: unknown) => error);
      expect(missingModel).toBeInstanceOf(Anthropic.NotFoundError);
      const notFound = missingModel as InstanceType<typeof Anthropic.NotFoundError>;
      expect(notFound.status).toBe(404);
      expect(notFound.requestID).toBeTruthy();
      expect((notFound.error as { error: { type: string } }).error.type).toBe('not_found_error');

      const badRequest = await client.messages
        .create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] } as never)
        .catch((error: unknown) => error);
      expect(badRequest).toBeInstanceOf(Anthropic.BadRequestError);
      expect(String((badRequest as Error).message)).toContain('max_tokens');

      const tooLong = await client.messages
        .create({
          model: 'claude-sonnet-4-5',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'word '.repeat(5_000) }],
        })
        .catch((error: unknown) => error);
      expect(tooLong).toBeInstanceOf(Anthropic.BadRequestError);
      expect(String((tooLong as Error).message)).toContain('prompt is too long');

      if (surface === 'models') {
        suite.stack.simulator.injectFault({
          status: 429,
          retryAfterSeconds: 120,
          endpoint: 'chat-generations',
        });
      } else {
        suite.stack.simulator.injectNativeFault({ status: 429, retryAfterSeconds: 120, route: 'invoke' });
      }
      const limited = await client.messages
        .create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
        .catch((error: unknown) => error);
      expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
      expect((limited as InstanceType<typeof Anthropic.RateLimitError>).headers?.get('retry-after')).toBe(
        '120',
      );
    });

    it('gives the request id on the model routes too, listed, found and missing', async () => {
      const listed = await client.models.list({ limit: 1 }).withResponse();
      expect(listed.request_id).toMatch(/^req_/);
      const found = await client.models.retrieve('claude-sonnet-4-5').withResponse();
      expect(found.request_id).toMatch(/^req_/);
      const missing = await client.models.retrieve('no-such-model').catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
      expect((missing as InstanceType<typeof Anthropic.NotFoundError>).requestID).toMatch(/^req_/);
    });

    it('lists models in the Anthropic shape for Anthropic clients', async () => {
      const page = await client.models.list({ limit: 1000 });
      const ids = page.data.map((model) => model.id);
      expect(ids).toEqual(expect.arrayContaining(['claude-sonnet-4-5', 'claude-3-haiku']));
      expect(page.data[0]).toMatchObject({
        type: 'model',
        display_name: expect.any(String),
        created_at: expect.any(String),
      });
    });
  },
  // The gateway caps Models API prompts itself; a native upstream refuses what exceeds its window.
  { settings: { PROMPT_TOKEN_LIMIT: '2000' }, simulator: { native: { contextWindowTokens: 2000 } } },
);
