import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { describeEachSurface, expectAppHeaders, upstreamChatCalls } from './support/each-surface.ts';

const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Name two checks before replacing a heat-pump compressor.' },
];

describeEachSurface('the official openai client against gateway + simulator', (suite) => {
  const { surface } = suite;
  it('gets a non-streaming chat completion with the answer, finish reason and usage', async () => {
    suite.stack.simulator.enqueueReplies('Check the capacitor, then the windings.');
    const completion = await suite.stack.openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Check the capacitor, then the windings.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    if (surface === 'models') {
      const sent = suite.stack.simulator.requests('chat-generations').at(-1);
      expect(sent?.url).toBe('/einstein/platform/v1/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations');
      expect(sent?.headers).toMatchObject({
        'x-sfdc-app-context': 'EinsteinGPT',
        'x-client-feature-id': 'ai-platform-models-connected-app',
      });
      expect(sent?.body).toEqual({
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Name two checks before replacing a heat-pump compressor.' },
        ],
      });
    } else {
      // GPT models go to /responses, the whole history every time and nothing stored upstream.
      const sent = suite.stack.simulator.requests('responses').at(-1);
      expect(sent?.url).toBe('/ai/gpt/v1/responses');
      expectAppHeaders(sent);
      expect(sent?.body).toMatchObject({
        model: 'sfdc_ai__DefaultGPT4OmniMini',
        stream: false,
        store: false,
        input: [{ role: 'system' }, { role: 'user' }],
      });
      expect(JSON.stringify(sent?.body)).toContain(
        'Name two checks before replacing a heat-pump compressor.',
      );
    }
  });

  it('streams a completion whose collected text equals the non-streaming text', async () => {
    const whole = await suite.stack.openai.chat.completions.create({ model: 'claude-sonnet-4-5', messages });
    const stream = await suite.stack.openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages,
      stream: true,
    });
    let text = '';
    let chunks = 0;
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(whole.choices[0]?.message.content).toBeTruthy();
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks).toBeGreaterThan(2);
    expect(finishReason).toBe('stop');
  });

  it('sends a usage chunk with empty choices when include_usage is set', async () => {
    const stream = await suite.stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(last?.usage?.total_tokens).toBe(
      (last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0),
    );
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage ?? null).toBeNull();
  });

  it('rebuilds the final message through the SDK stream helper', async () => {
    suite.stack.simulator.enqueueReplies('Helper-assembled answer.');
    const runner = suite.stack.openai.chat.completions.stream({ model: 'gpt-4o-mini', messages });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Helper-assembled answer.');
  });

  it('lists models with the fields OpenAI clients need, and retrieves one', async () => {
    const page = await suite.stack.openai.models.list();
    const ids = page.data.map((model) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['gpt-4o-mini', 'claude-3-haiku', 'sfdc_ai__DefaultGPT4OmniMini']),
    );
    for (const model of page.data) {
      expect(model).toMatchObject({
        object: 'model',
        owned_by: expect.any(String),
        created: expect.any(Number),
      });
    }
    const one = await suite.stack.openai.models.retrieve('gemini-pro');
    expect(one.id).toBe('gemini-pro');
  });

  it('answers an unknown model with a 404 in OpenAI format', async () => {
    const failure = await suite.stack.openai.chat.completions
      .create({ model: 'no-such-model', messages })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    const error = failure as InstanceType<typeof OpenAI.NotFoundError>;
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('no-such-model');
    expect(upstreamChatCalls(suite.stack.simulator, surface)).toBe(0);
  });

  it('answers a malformed body with a 400 in OpenAI format naming the field', async () => {
    const failure = await suite.stack.openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'robot', content: 'hi' }] } as never)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    const error = failure as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages[0].role');
    expect(error.type).toBe('invalid_request_error');
  });

  it('answers invalid JSON with a 400 in OpenAI format', async () => {
    const response = await fetch(`${suite.stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": "gpt-4o-mini", "messages": [',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/JSON/),
    });
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('says which settings the upstream ignored, and applies stop sequences itself', async () => {
    suite.stack.simulator.enqueueReplies('alpha beta STOP gamma');
    const { data, response } = await suite.stack.openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages, temperature: 0.2, max_tokens: 50, stop: ['STOP'] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('alpha beta ');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    const ignored = response.headers.get('x-sfgw-ignored-params')?.split(',') ?? [];
    expect(ignored).not.toContain('stop');
    if (surface === 'models') {
      expect(ignored).toEqual(expect.arrayContaining(['temperature', 'max_tokens']));
    } else {
      // The native surface takes the sampling settings and the token cap itself.
      expect(ignored).not.toContain('temperature');
      expect(ignored).not.toContain('max_tokens');
      expect(suite.stack.simulator.requests('responses').at(-1)?.body).toMatchObject({
        temperature: 0.2,
        max_output_tokens: 50,
      });
    }
  });
});
