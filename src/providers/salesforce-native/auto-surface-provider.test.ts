import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ChatResult, ModelSurface, StreamEvent } from '../../core/model.ts';
import type { CallContext, Provider, ProviderCapabilities } from '../../core/provider.ts';
import { createAutoSurfaceProvider } from './auto-surface-provider.ts';
import { mapNativeError } from './map-native-error.ts';
import { collect, hiRequest, recordingContext } from './native-provider.fixtures.ts';
import { NativeRouteMemory } from './native-route-memory.ts';

const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
const freeformTools = [{ name: 'apply_patch', parameters: {}, freeform: { type: 'text' as const } }];
const memoryMs = 10 * 60_000;

function answer(text: string): ChatResult {
  return {
    id: text,
    servedModel: text,
    created: 1,
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  };
}

const finish: StreamEvent = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
};

/** A provider that answers with its name, or fails with `failure` before any event. */
function fakeProvider(name: string, capabilities: Partial<ProviderCapabilities> = {}) {
  const state: { failure?: GatewayError } = {};
  const calls: string[] = [];
  const provider: Provider = {
    name,
    capabilities: {
      nativeTools: true,
      nativeStructuredOutput: false,
      nativeStreaming: true,
      nativeStopSequences: true,
      nativeMaxTokens: true,
      samplingSettings: true,
      images: true,
      reasoning: true,
      embeddings: false,
      feedback: false,
      ...capabilities,
    },
    async chat(request: ChatRequest, context: CallContext) {
      calls.push(`chat ${request.model}`);
      context.onWarning?.({ type: 'adjusted-setting', setting: 'reasoning', detail: name });
      if (state.failure) throw state.failure;
      return answer(name);
    },
    async *streamChat(request: ChatRequest) {
      calls.push(`stream ${request.model}`);
      if (state.failure) throw state.failure;
      yield { type: 'text-delta', index: 0, delta: name };
      yield finish;
    },
    generate: async () => answer(name),
    embed: vi.fn(),
    listModels: () => [],
    close: vi.fn(async () => {}),
  };
  return { provider, calls, state };
}

let native: ReturnType<typeof fakeProvider>;
let emulated: ReturnType<typeof fakeProvider>;
let models: ReturnType<typeof fakeProvider>;
let auto: Provider;

function routerWith(defaultSurface?: ModelSurface): Provider {
  return createAutoSurfaceProvider({
    native: native.provider,
    nativeEmulatingTools: emulated.provider,
    fallback: models.provider,
    memory: new NativeRouteMemory({ durationMs: memoryMs }),
    defaultSurface,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  native = fakeProvider('native');
  emulated = fakeProvider('emulated');
  models = fakeProvider('models', {
    images: false,
    samplingSettings: false,
    nativeMaxTokens: false,
    reasoning: false,
  });
  auto = routerWith();
});

afterEach(() => {
  vi.useRealTimers();
});

const notRoutable = () => mapNativeError(404, {}, '', Date.now());

function streamAll(request: ChatRequest): Promise<StreamEvent[]> {
  if (!auto.streamChat) throw new Error('auto must stream');
  return collect(auto.streamChat(request, recordingContext().context));
}

describe('auto surface: chat', () => {
  it('uses the native surface while it answers, passing its warnings on', async () => {
    const { context, warnings } = recordingContext();
    expect((await auto.chat(hiRequest(claude), context)).id).toBe('native');
    expect(warnings).toEqual([{ type: 'adjusted-setting', setting: 'reasoning', detail: 'native' }]);
    expect(models.calls).toEqual([]);
  });

  it("falls back on a 404 and drops the native route's warnings", async () => {
    native.state.failure = notRoutable();
    const { context, warnings } = recordingContext();
    const request = hiRequest(claude, {
      sampling: { temperature: 0.2 },
      maxOutputTokens: 50,
      reasoning: { mode: 'adaptive', effort: 'high', returnText: false },
    });
    expect((await auto.chat(request, context)).id).toBe('models');
    expect(warnings).toEqual([
      { type: 'ignored-setting', setting: 'temperature' },
      { type: 'ignored-setting', setting: 'maxOutputTokens' },
      { type: 'ignored-setting', setting: 'reasoning' },
      { type: 'adjusted-setting', setting: 'reasoning', detail: 'models' },
    ]);
  });

  it('falls back on "model not available"', async () => {
    native.state.failure = mapNativeError(400, {}, '{"message":"model not available"}', Date.now());
    expect((await auto.chat(hiRequest(claude), recordingContext().context)).id).toBe('models');
  });

  it('never falls back on a validation error or a rate limit', async () => {
    for (const failure of [
      mapNativeError(400, {}, '{"message":"max_tokens: field required"}', Date.now()),
      mapNativeError(429, { 'retry-after': '3' }, '', Date.now()),
      mapNativeError(503, {}, '', Date.now()),
    ]) {
      native.state.failure = failure;
      const { context, warnings } = recordingContext();
      await expect(auto.chat(hiRequest(claude), context)).rejects.toBe(failure);
      expect(warnings).toHaveLength(1);
    }
    expect(models.calls).toEqual([]);
  });

  it('remembers the verdict per model, and forgets it after the memory duration', async () => {
    native.state.failure = notRoutable();
    await auto.chat(hiRequest(claude), recordingContext().context);
    native.state.failure = undefined;
    await auto.chat(hiRequest(claude), recordingContext().context);
    await auto.chat(hiRequest('sfdc_ai__DefaultGPT54'), recordingContext().context);
    expect(native.calls).toEqual([`chat ${claude}`, 'chat sfdc_ai__DefaultGPT54']);
    expect(models.calls).toEqual([`chat ${claude}`, `chat ${claude}`]);

    vi.advanceTimersByTime(memoryMs - 1);
    await auto.chat(hiRequest(claude), recordingContext().context);
    expect(models.calls).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect((await auto.chat(hiRequest(claude), recordingContext().context)).id).toBe('native');
  });

  it('sends freeform tools outside GPT to the native provider that emulates tools, GPT to the plain one', async () => {
    await auto.chat(hiRequest(claude, { tools: freeformTools }), recordingContext().context);
    await auto.chat(hiRequest('sfdc_ai__DefaultGPT55', { tools: freeformTools }), recordingContext().context);
    expect(emulated.calls).toEqual([`chat ${claude}`]);
    expect(native.calls).toEqual(['chat sfdc_ai__DefaultGPT55']);
    expect(models.calls).toEqual([]);
  });

  it('falls back from the emulating native provider on a 404 too', async () => {
    emulated.state.failure = notRoutable();
    expect(
      (await auto.chat(hiRequest(claude, { tools: freeformTools }), recordingContext().context)).id,
    ).toBe('models');
  });

  it('refuses images the fallback cannot take, instead of dropping them', async () => {
    native.state.failure = notRoutable();
    const request = hiRequest(claude, {
      messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] }],
    });
    await expect(auto.chat(request, recordingContext().context)).rejects.toMatchObject({
      status: 400,
      code: 'images_unsupported',
    });
  });
});

describe('auto surface: streams', () => {
  it('streams natively, event for event', async () => {
    const events = await streamAll(hiRequest(claude));
    expect(events).toEqual([{ type: 'text-delta', index: 0, delta: 'native' }, finish]);
  });

  it('falls back before the first event on a 404, and not on a 429', async () => {
    native.state.failure = notRoutable();
    const events = await streamAll(hiRequest(claude));
    expect(events[0]).toEqual({ type: 'text-delta', index: 0, delta: 'models' });

    const limited = mapNativeError(429, {}, '', Date.now());
    native.state.failure = limited;
    const gpt = hiRequest('sfdc_ai__DefaultGPT54');
    await expect(streamAll(gpt)).rejects.toBe(limited);
    expect(models.calls).toEqual([`stream ${claude}`]);
  });

  it('hands embeddings and model listing to the Models API', async () => {
    expect(auto.capabilities).toMatchObject({ nativeStreaming: true, images: true, embeddings: false });
    await auto.embed({ model: 'e', input: ['x'] }, recordingContext().context);
    expect(models.provider.embed).toHaveBeenCalled();
    await auto.close();
    expect(native.provider.close).toHaveBeenCalled();
    expect(models.provider.close).toHaveBeenCalled();
  });
});

describe('surface router: the surface a request carries', () => {
  it('models goes to the Models API without trying native, naming the image part it cannot take', async () => {
    expect((await auto.chat(hiRequest(claude, { surface: 'models' }), recordingContext().context)).id).toBe(
      'models',
    );
    expect(native.calls).toEqual([]);
    const image = hiRequest(claude, {
      surface: 'models',
      messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] }],
    });
    await expect(auto.chat(image, recordingContext().context)).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_content',
      target: { type: 'image', index: 0 },
    });
  });

  it('native never falls back, even under UPSTREAM_API=auto; freeform tools are emulated there', async () => {
    native.state.failure = notRoutable();
    await expect(
      auto.chat(hiRequest(claude, { surface: 'native' }), recordingContext().context),
    ).rejects.toBe(native.state.failure);
    const tools = hiRequest(claude, { surface: 'native', tools: freeformTools });
    expect((await auto.chat(tools, recordingContext().context)).id).toBe('emulated');
    expect(models.calls).toEqual([]);
  });

  it('auto falls back even when the default is native or models', async () => {
    for (const defaultSurface of ['native', 'models'] as const) {
      native.state.failure = notRoutable();
      const { streamChat } = routerWith(defaultSurface);
      if (!streamChat) throw new Error('the router must stream');
      const events = await collect(
        streamChat(hiRequest(claude, { surface: 'auto' }), recordingContext().context),
      );
      expect(events[0]).toEqual({ type: 'text-delta', index: 0, delta: 'models' });
    }
  });

  it('absent, the default decides: models serves everything from the Models API, native never leaves', async () => {
    const modelsFirst = routerWith('models');
    expect((await modelsFirst.chat(hiRequest(claude), recordingContext().context)).id).toBe('models');
    expect(modelsFirst.name).toBe('salesforce-auto');
    native.state.failure = notRoutable();
    const nativeOnly = routerWith('native');
    expect(nativeOnly.name).toBe('native');
    await expect(nativeOnly.chat(hiRequest(claude), recordingContext().context)).rejects.toMatchObject({
      status: 404,
    });
    expect(models.calls).toEqual([`chat ${claude}`]);
  });
});
