import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { describeEachSurface } from './support/each-surface.ts';

describeEachSurface('embeddings through the official openai client', (suite) => {
  it('float and base64 (the SDK default) decode to the same vectors', async () => {
    const input = ['Reset password for portal user', 'Portal login is failing'];
    const viaBase64 = await suite.stack.openai.embeddings.create({ model: 'text-embedding-3-small', input });
    const viaFloat = await suite.stack.openai.embeddings.create({
      model: 'text-embedding-ada-002',
      input,
      encoding_format: 'float',
    });
    expect(viaBase64.data).toHaveLength(2);
    expect(viaBase64.data[0]?.embedding).toHaveLength(1536);
    for (const [index, item] of viaBase64.data.entries()) {
      const float = viaFloat.data[index]?.embedding ?? [];
      expect(item.embedding.length).toBe(float.length);
      for (const [position, value] of item.embedding.entries()) {
        expect(value).toBeCloseTo(float[position] ?? Number.NaN, 6);
      }
    }
    expect(viaFloat.usage.prompt_tokens).toBeGreaterThan(0);
    const sent = suite.stack.simulator.requests('embeddings').at(-1);
    expect(sent?.url).toContain('/models/sfdc_ai__DefaultOpenAITextEmbeddingAda_002/embeddings');
    expect(sent?.body).toEqual({ input });
  });

  it('refuses a chat model for embeddings, and a mismatched dimensions, with 400s', async () => {
    const chatModel = await suite.stack.openai.embeddings
      .create({ model: 'gpt-4o-mini', input: 'x' })
      .catch((error: unknown) => error);
    expect(chatModel).toBeInstanceOf(OpenAI.BadRequestError);
    const dimensions = await suite.stack.openai.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x', dimensions: 256 })
      .catch((error: unknown) => error);
    expect(dimensions).toBeInstanceOf(OpenAI.BadRequestError);
    expect((dimensions as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('dimensions');
  });
});

describeEachSurface('legacy completions through the official openai client', (suite) => {
  it('answers a prompt through the generations endpoint', async () => {
    suite.stack.simulator.enqueueReplies('Once upon a time.');
    const completion = await suite.stack.openai.completions.create({
      model: 'gpt-4o-mini',
      prompt: 'Tell a story',
    });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]).toMatchObject({
      text: 'Once upon a time.',
      finish_reason: 'stop',
      index: 0,
    });
    if (suite.surface === 'models') {
      expect(suite.stack.simulator.requests('generations').at(-1)?.body).toEqual({ prompt: 'Tell a story' });
    } else {
      // the native surface has no prompt endpoint: the prompt goes as one user turn
      const body = suite.stack.simulator.requests('responses').at(-1)?.body as { input: unknown[] };
      expect(body.input).toHaveLength(1);
      expect(JSON.stringify(body.input)).toContain('Tell a story');
    }
  });

  it('streams a completion whose text equals the whole answer', async () => {
    suite.stack.simulator.enqueueReplies('A streamed, legacy completion.');
    const stream = await suite.stack.openai.completions.create({
      model: 'gpt-4o-mini',
      prompt: 'Go',
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('A streamed, legacy completion.');
  });
});

// On the native surface /responses and Bedrock answers carry no Salesforce generation id, so
// there is no x-sfgw-generation-id header; feedback on an id the client has still goes through.
describeEachSurface('POST /v1/feedback (gateway extension)', (suite) => {
  it('takes a 202 with no body as accepted, and files the feedback once', async () => {
    suite.stack.simulator.injectFault({ status: 202, body: 'empty', endpoint: 'feedback' });
    const before = suite.stack.simulator.requests('feedback').length;
    const answer = await fetch(`${suite.stack.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'fb-empty', generation_id: '3f1c2b9e-5d7a-4e8f-9a0b-1c2d3e4f5a6b' }),
    });
    expect(answer.status).toBe(202);
    expect(suite.stack.simulator.requests('feedback').length - before).toBe(1);
  });

  it('forwards feedback on a generation to Salesforce, with the id x-sfgw-generation-id gave where there is one', async () => {
    const { response } = await suite.stack.openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const headerId = response.headers.get('x-sfgw-generation-id');
    if (suite.surface === 'models') expect(headerId).toMatch(/^[0-9a-f-]{36}$/);
    else expect(headerId).toBeNull();
    const generationId = headerId ?? '3f1c2b9e-5d7a-4e8f-9a0b-1c2d3e4f5a6b';
    const answer = await fetch(`${suite.stack.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'fb-1',
        generation_id: generationId,
        feedback: 'GOOD',
        feedback_text: 'Spot on',
      }),
    });
    expect(answer.status).toBe(202);
    expect(suite.stack.simulator.requests('feedback').at(-1)?.body).toEqual({
      id: 'fb-1',
      generationId,
      feedback: 'GOOD',
      feedbackText: 'Spot on',
    });
  });
});
