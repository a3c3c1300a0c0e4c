import { describe, expect, it } from 'vitest';
import { MemoryResponseStore } from '../transport/memory-response-store.ts';
import { createCachingProvider } from './caching-provider.ts';
import { collectEvents, scriptedProvider, testContext, textRequest } from './provider.fixtures.ts';
import type { CacheOutcome, CachePermission, CallContext } from './provider.ts';
import type { ResponseStore } from './response-store.ts';

const clock = { now: 1_800_000_000_000 };
const store = () => new MemoryResponseStore({ maxBytes: 1024 * 1024, now: () => clock.now });

function caller(name: string, permission: Partial<CachePermission> = {}) {
  const outcomes: CacheOutcome[] = [];
  const context: CallContext = {
    ...testContext,
    cache: { caller: name, lookup: true, store: true, ...permission },
    onCacheOutcome: (outcome) => outcomes.push(outcome),
  };
  return { context, outcomes };
}

// Lets the store's fire-and-forget write land before the next call reads.
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createCachingProvider', () => {
  it('answers an identical call from the store, with a new id and creation time, and the same content', async () => {
    const upstream = scriptedProvider({ replies: ['first answer', 'second answer'] });
    const cached = createCachingProvider(upstream.provider, store(), {
      ttlMs: 60_000,
      shared: false,
      now: () => clock.now,
    });
    const { context, outcomes } = caller('n8n');
    const fresh = await cached.chat(textRequest('What is 2+2?'), context);
    await settle();
    const reused = await cached.chat(textRequest('What is 2+2?'), context);
    expect(upstream.chats).toHaveLength(1);
    expect(reused.content).toEqual(fresh.content);
    expect(reused.usage).toEqual(fresh.usage);
    expect(reused.id).not.toBe(fresh.id);
    expect(reused.created).toBe(Math.floor(clock.now / 1000));
    expect(outcomes).toEqual(['miss', 'hit']);
    // anything else in the request is another call
    const other = await cached.chat(textRequest('What is 2+3?'), context);
    expect(other.content).toEqual([{ type: 'text', text: 'second answer' }]);
  });

  it("keeps each caller's answers to itself unless the cache is shared", async () => {
    for (const shared of [false, true]) {
      const upstream = scriptedProvider({ replies: ['for n8n', 'for webui'] });
      const cached = createCachingProvider(upstream.provider, store(), { ttlMs: 60_000, shared });
      await cached.chat(textRequest('hello'), caller('n8n').context);
      await settle();
      const answer = await cached.chat(textRequest('hello'), caller('webui').context);
      expect(answer.content).toEqual([{ type: 'text', text: shared ? 'for n8n' : 'for webui' }]);
    }
  });

  it('asks the upstream when told no-cache (keeping the answer), and neither reads nor keeps when told no-store', async () => {
    const upstream = scriptedProvider({ replies: ['one', 'two', 'three', 'four'] });
    const cached = createCachingProvider(upstream.provider, store(), { ttlMs: 60_000, shared: false });
    await cached.chat(textRequest('hi'), caller('a').context);
    await settle();
    const refreshing = caller('a', { lookup: false });
    expect((await cached.chat(textRequest('hi'), refreshing.context)).content).toEqual([
      { type: 'text', text: 'two' },
    ]);
    expect(refreshing.outcomes).toEqual(['bypass']);
    await settle();
    // the refreshed answer replaced the first
    expect((await cached.chat(textRequest('hi'), caller('a').context)).content).toEqual([
      { type: 'text', text: 'two' },
    ]);
    const unkept = caller('a', { lookup: false, store: false });
    await cached.chat(textRequest('bye'), unkept.context);
    await settle();
    expect((await cached.chat(textRequest('bye'), caller('a').context)).content).toEqual([
      { type: 'text', text: 'four' },
    ]);
  });

  it('forgets an answer after its lifetime, keeps no failure, and passes a call without permission by', async () => {
    const upstream = scriptedProvider({ replies: ['early', 'late', 'unpermitted'] });
    const cached = createCachingProvider(upstream.provider, store(), { ttlMs: 60_000, shared: false });
    await cached.chat(textRequest('hi'), caller('a').context);
    await settle();
    clock.now += 61_000;
    expect((await cached.chat(textRequest('hi'), caller('a').context)).content).toEqual([
      { type: 'text', text: 'late' },
    ]);
    await expect(cached.chat(textRequest('nothing scripted'), testContext)).resolves.toMatchObject({
      content: [{ type: 'text', text: 'unpermitted' }],
    });
    await expect(cached.chat(textRequest('nothing scripted'), caller('a').context)).rejects.toThrow(
      /more often/,
    );
    await settle();
    await expect(cached.chat(textRequest('nothing scripted'), caller('a').context)).rejects.toThrow(
      /more often/,
    );
  });

  it('keeps embeddings and text generations, and lets a native stream pass by', async () => {
    const upstream = scriptedProvider({
      replies: ['completion'],
      streamed: [{ type: 'text-start', index: 0 }],
    });
    let embedCalls = 0;
    upstream.provider.embed = async () => {
      embedCalls += 1;
      return {
        servedModel: 'embedder',
        vectors: [[0.5, 0.25]],
        usage: { inputTokens: 2, outputTokens: 0, totalTokens: 2 },
      };
    };
    const cached = createCachingProvider(upstream.provider, store(), { ttlMs: 60_000, shared: false });
    const { context } = caller('a');
    const embedding = { model: 'embedder', input: ['a text'] };
    await cached.embed(embedding, context);
    await settle();
    expect(await cached.embed(embedding, context)).toMatchObject({ vectors: [[0.5, 0.25]] });
    expect(embedCalls).toBe(1);
    const prompt = { model: 'm', prompt: 'Once', stopSequences: [], sampling: {} };
    await cached.generate(prompt, context);
    await settle();
    expect((await cached.generate(prompt, context)).content).toEqual([{ type: 'text', text: 'completion' }]);
    await collectEvents(cached.streamChat?.(textRequest('stream'), context));
    await collectEvents(cached.streamChat?.(textRequest('stream'), context));
    expect(upstream.streams).toHaveLength(2);
  });

  it("tells a reused answer's warnings again, and reports the upstream asked even when it failed", async () => {
    const upstream = scriptedProvider({ replies: ['answer'] });
    const inner = upstream.provider;
    const warningOnce: typeof inner.chat = async (request, context) => {
      context.onWarning?.({ type: 'ignored-setting', setting: 'temperature' });
      return inner.chat(request, context);
    };
    const cached = createCachingProvider({ ...inner, chat: warningOnce }, store(), {
      ttlMs: 60_000,
      shared: false,
    });
    for (let call = 0; call < 2; call++) {
      const warned: unknown[] = [];
      const { context, outcomes } = caller('a');
      await cached.chat(textRequest('hi'), { ...context, onWarning: (warning) => warned.push(warning) });
      await settle();
      expect(warned).toEqual([{ type: 'ignored-setting', setting: 'temperature' }]);
      expect(outcomes).toEqual([call === 0 ? 'miss' : 'hit']);
    }
    const failing = caller('a');
    await expect(cached.chat(textRequest('nothing scripted'), failing.context)).rejects.toThrow(/more often/);
    expect(failing.outcomes).toEqual(['miss']);
  });

  it('passes by a prompt too long to key cheaply, and a chat with images', async () => {
    const upstream = scriptedProvider({ replies: ['1', '2', '3', '4'] });
    const cached = createCachingProvider(upstream.provider, store(), { ttlMs: 60_000, shared: false });
    const huge = caller('a');
    const hugeContext = { ...huge.context, promptCharacters: 500_001 };
    await cached.chat(textRequest('long'), hugeContext);
    await settle();
    await cached.chat(textRequest('long'), hugeContext);
    expect(huge.outcomes).toEqual([]);
    const picture = textRequest('what is this?');
    picture.messages[0]?.content.push({ type: 'image', url: 'data:image/png;base64,AAAA' });
    const viewer = caller('a');
    await cached.chat(picture, viewer.context);
    await settle();
    await cached.chat(picture, viewer.context);
    expect(upstream.chats).toHaveLength(4);
    expect(viewer.outcomes).toEqual([]);
  });

  it('answers from the upstream when the store cannot read', async () => {
    const broken: ResponseStore = { get: async () => undefined, set: async () => undefined };
    const upstream = scriptedProvider({ replies: ['one', 'two'] });
    const cached = createCachingProvider(upstream.provider, broken, { ttlMs: 60_000, shared: false });
    await cached.chat(textRequest('hi'), caller('a').context);
    expect((await cached.chat(textRequest('hi'), caller('a').context)).content).toEqual([
      { type: 'text', text: 'two' },
    ]);
  });
});
