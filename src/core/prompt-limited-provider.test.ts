import { describe, expect, it, vi } from 'vitest';
import { createPromptLimitedProvider } from './prompt-limited-provider.ts';
import { generationRequest, scriptedProvider, testContext, textRequest } from './provider.fixtures.ts';
import { TokenCounter } from './token-counter.ts';

const tokenCounter = new TokenCounter();
const longText = 'word '.repeat(50);

function limited(promptTokenLimit: number) {
  const upstream = scriptedProvider({ replies: ['Fine.'] });
  const provider = createPromptLimitedProvider(upstream.provider, { tokenCounter, promptTokenLimit });
  return { provider, upstream };
}

describe('createPromptLimitedProvider', () => {
  it('refuses a chat over the limit with the words clients compact on, before the upstream sees it', async () => {
    const { provider, upstream } = limited(20);
    const error = await provider.chat(textRequest(longText), testContext).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, param: 'messages', code: 'context_length_exceeded' });
    expect((error as Error).message).toMatch(/^prompt is too long: \d+ tokens > 20 maximum$/);
    expect(upstream.chats).toEqual([]);
  });

  it('passes a chat within the limit on unchanged', async () => {
    const { provider, upstream } = limited(1_000);
    const request = textRequest(longText);
    await expect(provider.chat(request, testContext)).resolves.toMatchObject({
      content: [{ text: 'Fine.' }],
    });
    expect(upstream.chats).toEqual([request]);
  });

  it('refuses a bare prompt over the limit before the upstream sees it', async () => {
    const { provider, upstream } = limited(20);
    await expect(provider.generate(generationRequest(longText), testContext)).rejects.toMatchObject({
      code: 'context_length_exceeded',
    });
    expect(upstream.generations).toEqual([]);
  });

  it('counts the whole prompt for count_tokens, even past the limit', async () => {
    const { provider } = limited(20);
    const request = textRequest(longText);
    const counted = await provider.countPromptTokens?.(request);
    expect(counted).toBe(await tokenCounter.countMessages(request.messages));
    expect(counted).toBeGreaterThan(20);
  });

  it('lets a prompt whose bytes fit under the limit through without counting it', async () => {
    const counter = new TokenCounter();
    const counting = vi.spyOn(counter, 'countMessages');
    const upstream = scriptedProvider({ replies: ['Fine.'] });
    const provider = createPromptLimitedProvider(upstream.provider, {
      tokenCounter: counter,
      promptTokenLimit: 300,
    });
    await provider.chat(textRequest(longText), testContext);
    expect(counting).not.toHaveBeenCalled();
    expect(upstream.chats).toHaveLength(1);
  });

  it('counts a prompt whose bytes exceed the limit, and lets it through when its tokens fit', async () => {
    const counter = new TokenCounter();
    const counting = vi.spyOn(counter, 'countMessages');
    const upstream = scriptedProvider({ replies: ['Fine.'] });
    // 250 bytes, about 50 tokens
    const provider = createPromptLimitedProvider(upstream.provider, {
      tokenCounter: counter,
      promptTokenLimit: 100,
    });
    await provider.chat(textRequest(longText), testContext);
    expect(counting).toHaveBeenCalledTimes(1);
    expect(upstream.chats).toHaveLength(1);
  });
});
